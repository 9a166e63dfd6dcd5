using System.Text;
using Baton.Domain.Fields;
using Baton.Domain.Quality;

namespace Baton.Domain.Tests.Quality;

/// <summary>
/// Runs the quality rules over a labelled corpus of handoff values and holds them to a precision and recall:
/// blocking a good answer costs an AE's trust, letting filler through costs a CSM the context.
/// </summary>
public sealed class QualityCorpusTests(ITestOutputHelper output)
{
    private const double MinPrecision = 0.97;
    private const double MinRecall = 0.90;
    private const double MinKindAgreement = 0.85;

    private sealed record Row(int Line, string Field, string Value, string Label)
    {
        public bool Bad => Label != "good";
    }

    private sealed record Judged(Row Row, Verdict Verdict)
    {
        public bool Blocked => !Verdict.IsOk;
        public override string ToString() =>
            $"line {Row.Line}: {Row.Field} = \"{Row.Value}\" labelled {Row.Label}, got {Verdict.Kind}"
            + (Verdict.IsOk ? "" : $" [{Verdict.Rule}] {Verdict.Reason}");
    }

    private static readonly Lazy<List<Judged>> Results = new(JudgeCorpus);

    private static List<Judged> JudgeCorpus()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Quality", "Corpus", "quality-corpus.csv");
        var rows = Csv.Read(File.ReadAllText(path));
        Assert.Equal(["field", "value", "label"], rows[0]);
        var manifest = DefaultManifest.Value;
        var empty = new FieldValues(new string?[manifest.Fields.Count]);
        return rows.Skip(1).Select((r, i) => new Row(i + 2, r[0], r[1], r[2]))
            .Select(row => new Judged(row, FieldQuality.Check(DefaultManifest.Field(row.Field), row.Value, empty, manifest)))
            .ToList();
    }

    [Fact]
    public void Corpus_IsLargeAndLabelledWithKnownFieldsAndLabels()
    {
        var rows = Results.Value.Select(j => j.Row).ToList();
        Assert.True(rows.Count >= 300, $"{rows.Count} rows");
        Assert.All(rows, r => Assert.Contains(r.Label, new[] { "good", "filler", "vague" }));
        Assert.All(rows, r => Assert.NotNull(DefaultManifest.Value.Find(r.Field)));
    }

    [Fact]
    public void Check_LabelledCorpus_MeetsPrecisionAndRecall()
    {
        var results = Results.Value;
        int tp = results.Count(j => j.Blocked && j.Row.Bad), fp = results.Count(j => j.Blocked && !j.Row.Bad);
        int fn = results.Count(j => !j.Blocked && j.Row.Bad), tn = results.Count(j => !j.Blocked && !j.Row.Bad);
        var precision = tp / (double)(tp + fp);
        var recall = tp / (double)(tp + fn);

        var report = new StringBuilder()
            .AppendLine($"quality corpus: {results.Count} rows ({results.Count(j => !j.Row.Bad)} good, {results.Count(j => j.Row.Label == "filler")} filler, {results.Count(j => j.Row.Label == "vague")} vague)")
            .AppendLine($"blocked bad {tp}, blocked good {fp}, passed bad {fn}, passed good {tn}")
            .AppendLine($"precision {precision:F3} (min {MinPrecision}), recall {recall:F3} (min {MinRecall})")
            .AppendLine(KindReport(results))
            .AppendLine("misjudged (blocked good or passed bad):");
        foreach (var j in results.Where(j => j.Blocked != j.Row.Bad)) report.AppendLine("  " + j);
        report.AppendLine("blocked bad, but as the other kind:");
        foreach (var j in results.Where(j => j.Blocked && j.Row.Bad && !SameKind(j))) report.AppendLine("  " + j);
        var text = report.ToString();
        output.WriteLine(text);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "quality-report.txt"), text);

        Assert.True(precision >= MinPrecision && recall >= MinRecall, text);
    }

    [Fact]
    public void Check_LabelledCorpus_NamesFillerAndVagueApart()
    {
        var bad = Results.Value.Where(j => j.Row.Bad).ToList();
        var agree = bad.Count(SameKind);
        var agreement = agree / (double)bad.Count;
        var text = $"kind agreement {agreement:F3} (min {MinKindAgreement})\n{KindReport(Results.Value)}\ndisagreeing:\n"
            + string.Join("\n", bad.Where(j => !SameKind(j)).Select(j => "  " + j));
        output.WriteLine(text);
        Assert.True(agreement >= MinKindAgreement, text);
    }

    private static bool SameKind(Judged j) => j.Verdict.Kind.ToString().Equals(j.Row.Label, StringComparison.OrdinalIgnoreCase);

    /// <summary>Confusion matrix: label (rows) by verdict kind (columns).</summary>
    private static string KindReport(List<Judged> results)
    {
        var kinds = Enum.GetValues<VerdictKind>();
        var sb = new StringBuilder().Append("label \\ verdict".PadRight(16));
        foreach (var k in kinds) sb.Append(k.ToString().PadLeft(9));
        sb.AppendLine();
        foreach (var label in new[] { "good", "filler", "vague" })
        {
            sb.Append(label.PadRight(16));
            foreach (var k in kinds) sb.Append(results.Count(j => j.Row.Label == label && j.Verdict.Kind == k).ToString().PadLeft(9));
            sb.AppendLine();
        }
        return sb.ToString().TrimEnd();
    }
}
