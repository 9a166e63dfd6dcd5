using System.Text.Json;
using Baton.Domain.Tests.Quality;
using Baton.Domain.Transcripts;

namespace Baton.Domain.Tests.Transcripts;

/// <summary>
/// Scores the suggester on 40 labelled calls written by someone who never read its rules (Corpus/README.md). A proposal
/// is correct when one of its source sentences (or its value) holds one of the label's key phrases; a proposal for a
/// field the label leaves null is wrong. Odd-numbered calls are the development half, even-numbered the held-out half:
/// rules may be tuned on the first only, and the floors below are set on the second.
/// </summary>
public sealed class TranscriptCorpusTests(ITestOutputHelper output)
{
    private sealed record Call(int Number, string Name, string Language, Transcript Transcript, Dictionary<string, string[]?> Labels);

    private sealed record Score(int Proposed, int Correct, int Labelled)
    {
        public double Precision => Proposed == 0 ? 1 : (double)Correct / Proposed;
        public double Recall => Labelled == 0 ? 1 : (double)Correct / Labelled;
        public static Score operator +(Score a, Score b) => new(a.Proposed + b.Proposed, a.Correct + b.Correct, a.Labelled + b.Labelled);
    }

    private static readonly Lazy<IReadOnlyList<Call>> Calls = new(Load);

    private static IReadOnlyList<Call> Load()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "Transcripts", "Corpus");
        var calls = new List<Call>();
        foreach (var labels in Directory.GetFiles(dir, "*.labels.json").Order(StringComparer.Ordinal))
        {
            var stem = Path.GetFileName(labels)[..^".labels.json".Length];
            var file = Directory.GetFiles(dir, stem + ".*").Single(f => !f.EndsWith(".labels.json", StringComparison.Ordinal));
            Assert.True(TranscriptReader.TryRead(File.ReadAllText(file), file, out var transcript, out var problem), $"{file}: {problem}");
            using var doc = JsonDocument.Parse(File.ReadAllText(labels));
            var fields = doc.RootElement.GetProperty("fields").EnumerateObject().ToDictionary(
                p => p.Name,
                p => p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.EnumerateArray().Select(x => x.GetString()!).ToArray());
            calls.Add(new Call(int.Parse(stem[..2]), stem, doc.RootElement.GetProperty("language").GetString()!, transcript, fields));
        }
        return calls;
    }

    private static bool Holds(string text, string phrase) =>
        Normal(text).Contains(Normal(phrase), StringComparison.OrdinalIgnoreCase);

    private static string Normal(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static Dictionary<string, Score> ScoreByField(IEnumerable<Call> calls)
    {
        var byField = new Dictionary<string, Score>();
        foreach (var call in calls)
        {
            var proposals = TranscriptSuggester.Suggest(call.Transcript, DefaultManifest.Value).ToDictionary(s => s.FieldKey);
            foreach (var (key, phrases) in call.Labels)
            {
                var proposal = proposals.GetValueOrDefault(key);
                var correct = proposal is not null && phrases is not null &&
                    phrases.Any(p => Holds(proposal.Value, p) || proposal.Sources.Any(s => Holds(s.Text, p)));
                var score = new Score(proposal is null ? 0 : 1, correct ? 1 : 0, phrases is null ? 0 : 1);
                byField[key] = byField.TryGetValue(key, out var so) ? so + score : score;
            }
        }
        return byField;
    }

    private Score Report(string title, IEnumerable<Call> calls)
    {
        var byField = ScoreByField(calls);
        var total = byField.Values.Aggregate(new Score(0, 0, 0), (a, b) => a + b);
        output.WriteLine($"{title}: precision {total.Precision:0.00} ({total.Correct}/{total.Proposed}), recall {total.Recall:0.00} ({total.Correct}/{total.Labelled})");
        foreach (var (key, s) in byField.OrderBy(x => x.Key, StringComparer.Ordinal))
            output.WriteLine($"  {key,-20} proposed {s.Proposed,2}  correct {s.Correct,2}  labelled {s.Labelled,2}  precision {s.Precision:0.00}  recall {s.Recall:0.00}");
        return total;
    }

    [Fact]
    public void The_corpus_is_all_there_and_every_call_reads()
    {
        Assert.Equal(40, Calls.Value.Count);
        Assert.All(Calls.Value, c => Assert.Equal(14, c.Labels.Count));
        Assert.All(Calls.Value, c => Assert.True(c.Transcript.Sentences.Count >= 20, $"{c.Name} read into only {c.Transcript.Sentences.Count} sentences"));
    }

    [Fact]
    public void On_the_held_out_calls_most_proposals_are_right()
    {
        Report("development (odd calls)", Calls.Value.Where(c => c.Number % 2 == 1));
        var heldOut = Report("held out (even calls)", Calls.Value.Where(c => c.Number % 2 == 0));
        Report("all calls", Calls.Value);
        Report("not English", Calls.Value.Where(c => c.Language != "en"));
        // Floors a little under the measured figures (docs/transcripts.md): a change that makes proposals worse fails.
        Assert.True(heldOut.Precision >= PrecisionFloor, $"held-out precision {heldOut.Precision:0.00} < {PrecisionFloor}");
        Assert.True(heldOut.Recall >= RecallFloor, $"held-out recall {heldOut.Recall:0.00} < {RecallFloor}");
    }

    private const double PrecisionFloor = 0.65;
    private const double RecallFloor = 0.25;
}
