using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Baton.Domain.Transcripts;

/// <summary>The layouts a call transcript arrives in.</summary>
public enum TranscriptFormat { PlainText, WebVtt, Srt }

/// <summary>One turn of speech: who spoke, when (if the transcript says), and what was said.</summary>
public sealed record Utterance(string? Speaker, TimeSpan? Start, string Text);

/// <summary>One sentence of the call, with the speaker and time of the utterance it came from.</summary>
public sealed record TranscriptSentence(int Index, string? Speaker, TimeSpan? Start, string Text);

/// <summary>A transcript read into utterances and sentences, or the problem that stopped the reading.</summary>
public sealed record Transcript(TranscriptFormat Format, IReadOnlyList<Utterance> Utterances, IReadOnlyList<TranscriptSentence> Sentences);

/// <summary>Why a transcript could not be read, naming the 1-based line.</summary>
public sealed record TranscriptProblem(int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"line {Line}: {Message}" : Message;
}

/// <summary>Reads plain text, WebVTT and SRT call transcripts. Pure: takes the text, never a file.</summary>
public static partial class TranscriptReader
{
    /// <summary>Detects the format from the content; the file name's extension only breaks a tie.</summary>
    public static TranscriptFormat Detect(string text, string? fileName = null)
    {
        var head = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (head.StartsWith("WEBVTT", StringComparison.Ordinal)) return TranscriptFormat.WebVtt;
        if (SrtStart().IsMatch(head)) return TranscriptFormat.Srt;
        // The extension is read by hand: the domain names no System.IO type, even a pure one.
        var name = fileName ?? "";
        var dot = name.LastIndexOf('.');
        var ext = dot >= 0 && name.IndexOfAny(['/', '\\'], dot) < 0 ? name[dot..].ToLowerInvariant() : "";
        if (ext == ".vtt" && VttTiming().IsMatch(head)) return TranscriptFormat.WebVtt;
        if (ext == ".srt" && SrtTiming().IsMatch(head)) return TranscriptFormat.Srt;
        return TranscriptFormat.PlainText;
    }

    /// <summary>Reads the transcript, or returns the problem (never throws on bad input).</summary>
    public static bool TryRead(string text, string? fileName, out Transcript transcript, out TranscriptProblem? problem)
    {
        var lines = (text ?? "").TrimStart('\uFEFF').Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var format = Detect(text ?? "", fileName);
        problem = null;
        List<Utterance>? utterances = format switch
        {
            TranscriptFormat.WebVtt => ReadCues(lines, vtt: true, out problem),
            TranscriptFormat.Srt => ReadCues(lines, vtt: false, out problem),
            _ => ReadPlain(lines),
        };
        if (utterances is null)
        {
            transcript = new Transcript(format, [], []);
            return false;
        }
        utterances = JoinSplitSentences(utterances);
        if (utterances.Count == 0)
        {
            problem = new TranscriptProblem(0, "the transcript has no spoken text");
            transcript = new Transcript(format, [], []);
            return false;
        }
        transcript = new Transcript(format, utterances, Sentences(utterances));
        return true;
    }

    private static List<Utterance> ReadPlain(string[] lines)
    {
        var result = new List<Utterance>();
        string? speaker = null; TimeSpan? start = null; var buf = new StringBuilder();
        void Flush()
        {
            var t = Clean(buf.ToString());
            if (t.Length > 0) result.Add(new Utterance(speaker, start, t));
            buf.Clear();
        }
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0) { Flush(); speaker = null; start = null; continue; }
            TimeSpan? stamp = null;
            var m = PlainStamp().Match(line);
            if (m.Success)
            {
                stamp = ParseClock(m.Groups["t"].Value);
                line = line[m.Length..].Trim();
            }
            var sp = SpeakerPrefix().Match(line);
            if (sp.Success)
            {
                Flush();
                speaker = sp.Groups["s"].Value.Trim();
                start = stamp;
                buf.Append(line[sp.Length..].Trim());
                if (stamp is null)
                {
                    var after = PlainStamp().Match(buf.ToString());
                    if (after.Success) { start = ParseClock(after.Groups["t"].Value); buf.Remove(0, after.Length); }
                }
                continue;
            }
            if (stamp is not null) { Flush(); start = stamp; }
            if (buf.Length > 0) buf.Append(' ');
            buf.Append(line);
        }
        Flush();
        return result;
    }

    private static List<Utterance>? ReadCues(string[] lines, bool vtt, out TranscriptProblem? problem)
    {
        problem = null;
        var result = new List<Utterance>();
        var i = 0;
        if (vtt)
        {
            // Header block: WEBVTT and anything until the first blank line.
            while (i < lines.Length && lines[i].Trim().Length > 0) i++;
        }
        while (i < lines.Length)
        {
            if (lines[i].Trim().Length == 0) { i++; continue; }
            var blockStart = i;
            var block = new List<string>();
            while (i < lines.Length && lines[i].Trim().Length > 0) block.Add(lines[i++].Trim());
            if (vtt && (block[0].StartsWith("NOTE", StringComparison.Ordinal) || block[0] == "STYLE" || block[0] == "REGION"))
                continue;
            var timingAt = block.FindIndex(l => l.Contains("-->", StringComparison.Ordinal));
            // A line that starts like a clock but lacks a proper arrow is a broken timing line: name that line.
            var clockAt = block.FindIndex(l => l.Length > 2 && char.IsAsciiDigit(l[0]) && l.Contains(':', StringComparison.Ordinal));
            if (timingAt < 0 && clockAt is 0 or 1)
            {
                problem = new TranscriptProblem(blockStart + clockAt + 1, $"malformed cue timing \"{Truncate(block[clockAt])}\" (expected \"start --> end\")");
                return null;
            }
            if (timingAt < 0 || timingAt > 1)
            {
                problem = new TranscriptProblem(blockStart + 1, vtt
                    ? "a cue has no timing line (expected \"00:00:01.000 --> 00:00:04.000\")"
                    : "a cue has no timing line (expected \"00:00:01,000 --> 00:00:04,000\")");
                return null;
            }
            var timingLine = block[timingAt];
            var m = (vtt ? VttTiming() : SrtTiming()).Match(timingLine);
            if (!m.Success || m.Index != 0)
            {
                problem = new TranscriptProblem(blockStart + timingAt + 1, $"malformed cue timing \"{Truncate(timingLine)}\"");
                return null;
            }
            if (!vtt && timingAt == 1 && !int.TryParse(block[0], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                problem = new TranscriptProblem(blockStart + 1, $"expected a cue number, found \"{Truncate(block[0])}\"");
                return null;
            }
            var start = ParseClock(m.Groups["a"].Value.Replace(',', '.'));
            string? speaker = null;
            var text = new StringBuilder();
            foreach (var payload in block.Skip(timingAt + 1))
            {
                var line = payload;
                var voice = VoiceTag().Match(line);
                if (voice.Success) speaker ??= voice.Groups["s"].Value.Trim();
                line = Clean(Tag().Replace(line, ""));
                var sp = SpeakerPrefix().Match(line);
                if (sp.Success) { speaker ??= sp.Groups["s"].Value.Trim(); line = line[sp.Length..].Trim(); }
                if (line.Length == 0) continue;
                if (text.Length > 0) text.Append(' ');
                text.Append(line);
            }
            if (text.Length > 0) result.Add(new Utterance(speaker, start, text.ToString()));
        }
        return result;
    }

    /// <summary>Captioners cut cues mid-sentence; a cue that does not end a sentence runs on into the next cue of the same speaker.</summary>
    private static List<Utterance> JoinSplitSentences(List<Utterance> input)
    {
        var result = new List<Utterance>();
        foreach (var u in input)
        {
            if (result.Count > 0 && result[^1] is var last && last.Speaker == u.Speaker && !EndsSentence(last.Text))
                result[^1] = last with { Text = last.Text + " " + u.Text };
            else
                result.Add(u);
        }
        return result;
    }

    private static bool EndsSentence(string t) => t.Length > 0 && t[^1] is '.' or '!' or '?' or '…' or '"' or '”';

    private static List<TranscriptSentence> Sentences(List<Utterance> utterances)
    {
        var result = new List<TranscriptSentence>();
        foreach (var u in utterances)
            foreach (var s in SplitSentences(u.Text))
                result.Add(new TranscriptSentence(result.Count, u.Speaker, u.Start, s));
        return result;
    }

    /// <summary>Splits at . ! ? followed by a space and a capital/digit, leaving "e.g." or "3.5" whole.</summary>
    internal static IEnumerable<string> SplitSentences(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is not ('.' or '!' or '?' or '…')) continue;
            var j = i + 1;
            while (j < text.Length && text[j] is '.' or '!' or '?' or '"' or '”' or ')') j++;
            if (j < text.Length && text[j] != ' ') continue;
            var k = j;
            while (k < text.Length && text[k] == ' ') k++;
            if (k < text.Length && !(char.IsUpper(text[k]) || char.IsDigit(text[k]) || text[k] is '¿' or '¡' or '"' or '“')) continue;
            if (text[i] == '.' && IsAbbreviation(text, i)) continue;
            var s = text[start..j].Trim();
            if (s.Length > 0) yield return s;
            start = j;
            i = j - 1;
        }
        var rest = text[start..].Trim();
        if (rest.Length > 0) yield return rest;
    }

    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
        { "e.g", "i.e", "mr", "mrs", "ms", "dr", "vs", "etc", "inc", "z.b", "bzw", "ca", "sr", "sra", "mme" };

    private static bool IsAbbreviation(string text, int dot)
    {
        var s = dot - 1;
        while (s >= 0 && (char.IsLetter(text[s]) || text[s] == '.')) s--;
        return Abbreviations.Contains(text[(s + 1)..dot]);
    }

    private static string Clean(string s) => Spaces().Replace(s.Replace('\t', ' '), " ").Trim();

    private static string Truncate(string s) => s.Length <= 60 ? s : s[..57] + "...";

    private static TimeSpan? ParseClock(string t)
    {
        var parts = t.Split(':');
        try
        {
            double seconds = 0;
            foreach (var p in parts) seconds = seconds * 60 + double.Parse(p, NumberStyles.Float, CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(seconds);
        }
        catch (FormatException) { return null; }
        catch (OverflowException) { return null; }
    }

    [GeneratedRegex(@"^\d+\s*\n\s*\d{1,2}:\d{2}:\d{2},\d{3}\s*-->")]
    private static partial Regex SrtStart();

    [GeneratedRegex(@"^(?<a>(\d{1,2}:)?\d{2}:\d{2}\.\d{3})\s+-->\s+(?<b>(\d{1,2}:)?\d{2}:\d{2}\.\d{3})(\s+.*)?$")]
    private static partial Regex VttTiming();

    [GeneratedRegex(@"^(?<a>\d{1,2}:\d{2}:\d{2},\d{3})\s*-->\s*(?<b>\d{1,2}:\d{2}:\d{2},\d{3})(\s+.*)?$")]
    private static partial Regex SrtTiming();

    [GeneratedRegex(@"^[\[(]?(?<t>(\d{1,2}:)?\d{1,2}:\d{2}([.,]\d+)?)[\])]?\s*")]
    private static partial Regex PlainStamp();

    /// <summary>"Dana Whit:" or "AE (Acme):" — a short name-like label before a colon.</summary>
    [GeneratedRegex(@"^(?<s>[\p{L}][\p{L}\p{M}.'’\- ]{0,38}?(\s*\([^)]{1,30}\))?)\s*:\s+")]
    private static partial Regex SpeakerPrefix();

    [GeneratedRegex(@"<v(\.[^ >]+)*\s+(?<s>[^>]+)>")]
    private static partial Regex VoiceTag();

    [GeneratedRegex(@"</?[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
