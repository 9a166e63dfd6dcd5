using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Baton.Domain.Fields;
using Baton.Domain.Quality;

namespace Baton.Core.Audit;

/// <summary>Streams every closed-won deal as JSON, then the summary: <c>{"file":…,"deals":[…],"summary":{…}}</c>.</summary>
/// <remarks>
/// Each deal lists every field the gate judged, good ones included, keyed by the manifest key with the export's
/// column beside it, the rules that fired, and the problems alone as before (docs/audit.md has the format). A million-deal export yields
/// hundreds of megabytes of JSON, so a good field is one pre-encoded fragment copied as is, and names are
/// encoded once.
/// </remarks>
public sealed class JsonAuditSink(Stream output) : IAuditSink, IDisposable
{
    private readonly Utf8JsonWriter _json = new(output, new JsonWriterOptions { Indented = false, SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    private static readonly JsonEncodedText LineName = JsonEncodedText.Encode("line"), IdName = JsonEncodedText.Encode("id"),
        NameName = JsonEncodedText.Encode("name"), OwnerName = JsonEncodedText.Encode("owner"), SegmentName = JsonEncodedText.Encode("segment"),
        PassedName = JsonEncodedText.Encode("passed"), ScoresName = JsonEncodedText.Encode("scores"), FieldsName = JsonEncodedText.Encode("fields"),
        ProblemsName = JsonEncodedText.Encode("problems"), RulesName = JsonEncodedText.Encode("rules"), ColumnName = JsonEncodedText.Encode("column"), WarningName = JsonEncodedText.Encode("warning"),
        FieldName = JsonEncodedText.Encode("field"), VerdictName = JsonEncodedText.Encode("verdict"), RuleName = JsonEncodedText.Encode("rule"),
        ReasonName = JsonEncodedText.Encode("reason"), BlockingName = JsonEncodedText.Encode("blocking"),
        FactsName = JsonEncodedText.Encode("facts"), ContextName = JsonEncodedText.Encode("context"), CommitmentsName = JsonEncodedText.Encode("commitments"),
        RiskName = JsonEncodedText.Encode("risk"), OverallName = JsonEncodedText.Encode("overall");
    private static readonly JsonEncodedText[] KindNames =
        Enum.GetValues<VerdictKind>().Select(k => JsonEncodedText.Encode(AuditTally.KindName(k))).ToArray();
    private readonly Dictionary<string, JsonEncodedText> _encoded = new(StringComparer.Ordinal);

    /// <summary>By field ordinal: the export's column header (null when the export lacks it), and the whole entry of a good verdict.</summary>
    private string?[] _columns = [];
    private byte[][] _goodEntries = [];
    private readonly List<string> _firedRules = [];

    private JsonEncodedText Encoded(string text)
    {
        if (!_encoded.TryGetValue(text, out var e)) _encoded[text] = e = JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        return e;
    }

    public void Begin(AuditContext context)
    {
        _json.WriteStartObject();
        _json.WriteString("file", context.File);
        _json.WriteString("crm", context.Flavor.ToString().ToLowerInvariant());
        _json.WriteString("playbook", context.Playbook.Name);
        var fields = context.Playbook.Fields.Fields;
        _columns = fields.Select(f => context.Schema.FieldColumns[f.Ordinal] is var c and >= 0 ? context.Schema.Headers[c] : null).ToArray();
        _goodEntries = fields.Select(f => GoodEntry(f.Key, _columns[f.Ordinal])).ToArray();
        _json.WriteStartArray("deals");
    }

    private static byte[] GoodEntry(string key, string? column)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString(FieldName, key);
            if (column is null) w.WriteNull(ColumnName); else w.WriteString(ColumnName, column);
            w.WriteString(VerdictName, "ok");
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public void Deal(in DealAudit deal)
    {
        var j = _json;
        j.WriteStartObject();
        j.WriteNumber(LineName, deal.Line);
        j.WriteString(IdName, deal.Id);
        j.WriteString(NameName, deal.Name);
        j.WriteString(OwnerName, deal.Owner);
        if (deal.Segment is null) j.WriteNull(SegmentName); else j.WriteString(SegmentName, Encoded(deal.Segment));
        j.WriteBoolean(PassedName, deal.Passed);
        j.WriteStartObject(ScoresName);
        WriteScore(j, FactsName, deal.Scores.Facts);
        WriteScore(j, ContextName, deal.Scores.Context);
        WriteScore(j, CommitmentsName, deal.Scores.Commitments);
        WriteScore(j, RiskName, deal.Scores.Risk);
        WriteScore(j, OverallName, deal.Scores.Overall);
        j.WriteEndObject();
        j.WriteStartArray(FieldsName);
        _firedRules.Clear();
        var fields = deal.Plan.FieldSpan;
        for (var i = 0; i < deal.Verdicts.Length; i++)
        {
            if (!deal.Judged(i)) continue;
            var v = deal.Verdicts[i];
            var f = fields[i];
            if (v.IsOk)
            {
                j.WriteRawValue(_goodEntries[f.Ordinal], skipInputValidation: true);
                continue;
            }
            j.WriteStartObject();
            j.WriteString(FieldName, Encoded(f.Key));
            if (_columns[f.Ordinal] is { } column) j.WriteString(ColumnName, Encoded(column)); else j.WriteNull(ColumnName);
            j.WriteString(VerdictName, KindNames[(int)v.Kind]);
            j.WriteString(RuleName, Encoded(v.Rule));
            j.WriteString(ReasonName, v.Reason);
            j.WriteBoolean(BlockingName, f.Requirement == Requirement.Hard);
            j.WriteBoolean(WarningName, f.Requirement != Requirement.Hard);
            j.WriteEndObject();
            if (!_firedRules.Contains(v.Rule)) _firedRules.Add(v.Rule);
        }
        j.WriteEndArray();
        j.WriteStartArray(RulesName);
        foreach (var rule in _firedRules) j.WriteStringValue(Encoded(rule));
        j.WriteEndArray();
        // The problems alone, as before "fields" existed, for the scripts that read them: no rule on a missing value.
        j.WriteStartArray(ProblemsName);
        for (var i = 0; i < deal.Verdicts.Length; i++)
        {
            var v = deal.Verdicts[i];
            if (v.IsOk) continue;
            var f = fields[i];
            j.WriteStartObject();
            j.WriteString(FieldName, Encoded(f.Key));
            j.WriteString(VerdictName, KindNames[(int)v.Kind]);
            if (v.Kind != VerdictKind.Missing)
            {
                j.WriteString(RuleName, Encoded(v.Rule));
                j.WriteString(ReasonName, v.Reason);
            }
            j.WriteBoolean(BlockingName, f.Requirement == Requirement.Hard);
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteEndObject();
        if (j.BytesPending > 1 << 16) j.Flush();
    }

    private static void WriteScore(Utf8JsonWriter j, JsonEncodedText name, int score)
    {
        if (score < 0) j.WriteNull(name); else j.WriteNumber(name, score);
    }

    private static void WriteScore(Utf8JsonWriter j, string name, int score)
    {
        if (score < 0) j.WriteNull(name); else j.WriteNumber(name, score);
    }

    public void End(AuditSummary s)
    {
        var j = _json;
        j.WriteEndArray();
        j.WriteStartObject("summary");
        j.WriteNumber("dealsRead", s.DealsRead);
        j.WriteNumber("closedWon", s.ClosedWon);
        j.WriteNumber("complete", s.Complete);
        j.WriteNumber("completenessRate", Math.Round(s.CompletenessRate, 4));
        j.WriteStartObject("averageScores");
        WriteScore(j, "facts", s.AverageScores.Facts);
        WriteScore(j, "context", s.AverageScores.Context);
        WriteScore(j, "commitments", s.AverageScores.Commitments);
        WriteScore(j, "risk", s.AverageScores.Risk);
        WriteScore(j, "overall", s.AverageScores.Overall);
        j.WriteEndObject();
        j.WriteStartObject("dealsByStage");
        foreach (var (stage, count) in s.DealsByStage) j.WriteNumber(stage, count);
        j.WriteEndObject();
        j.WriteStartArray("fields");
        foreach (var f in s.Fields.Where(f => f.Checked > 0))
        {
            j.WriteStartObject();
            j.WriteString("field", f.Field.Key);
            j.WriteString("label", f.Field.Label);
            j.WriteString("requirement", f.Field.Requirement.ToString().ToLowerInvariant());
            j.WriteNumber("checked", f.Checked);
            j.WriteNumber("fillRate", Math.Round(f.FillRate, 4));
            j.WriteNumber("goodRate", Math.Round(f.GoodRate, 4));
            j.WriteNumber("missing", f.Missing);
            j.WriteNumber("filler", f.Filler);
            j.WriteNumber("vague", f.Vague);
            j.WriteNumber("invalid", f.Invalid);
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteStartArray("owners");
        foreach (var o in s.Owners.OrderBy(o => o.CompletenessRate).ThenBy(o => o.Owner, StringComparer.Ordinal))
        {
            j.WriteStartObject();
            j.WriteString("owner", o.Owner);
            j.WriteNumber("closedWon", o.ClosedWon);
            j.WriteNumber("complete", o.Complete);
            j.WriteNumber("completenessRate", Math.Round(o.CompletenessRate, 4));
            j.WriteNumber("fillRate", Math.Round(o.FillRate, 4));
            j.WriteNumber("averageScore", Math.Round(o.AverageScore, 1));
            j.WriteStartObject("goodRateByField");
            foreach (var f in s.Fields.Where(f => o.CheckedByField[f.Field.Ordinal] > 0))
                j.WriteNumber(f.Field.Key, Math.Round((double)o.GoodByField[f.Field.Ordinal] / o.CheckedByField[f.Field.Ordinal], 4));
            j.WriteEndObject();
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteStartArray("worstOffenders");
        foreach (var o in s.WorstOffenders)
        {
            j.WriteStartObject();
            j.WriteNumber("line", o.Line);
            j.WriteString("id", o.Id);
            j.WriteString("name", o.Name);
            j.WriteString("owner", o.Owner);
            j.WriteNumber("blockingFields", o.Blocking);
            j.WriteNumber("score", o.Score);
            j.WriteStartArray("problems");
            foreach (var p in o.Problems) j.WriteStringValue(p);
            j.WriteEndArray();
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteStartArray("fieldsNotInExport");
        foreach (var f in s.FieldsNotInExport) j.WriteStringValue(f.Key);
        j.WriteEndArray();
        j.WriteEndObject();
        j.WriteEndObject();
        j.Flush();
    }

    public void Dispose() => _json.Dispose();
}

/// <summary>Streams one CSV row per closed-won deal: pass/fail, the four scores and each problem field by kind.</summary>
public sealed class CsvAuditSink(TextWriter output) : IAuditSink
{
    private readonly StringBuilder _cell = new();

    public void Begin(AuditContext context) =>
        output.Write("line,id,name,owner,segment,passed,facts,context,commitments,risk,overall,missing,filler,vague,invalid\n");

    public void Deal(in DealAudit deal)
    {
        output.Write(deal.Line);
        output.Write(',');
        Quote(deal.Id);
        output.Write(',');
        Quote(deal.Name);
        output.Write(',');
        Quote(deal.Owner);
        output.Write(',');
        Quote(deal.Segment);
        output.Write(deal.Passed ? ",yes," : ",no,");
        Score(deal.Scores.Facts); output.Write(',');
        Score(deal.Scores.Context); output.Write(',');
        Score(deal.Scores.Commitments); output.Write(',');
        Score(deal.Scores.Risk); output.Write(',');
        Score(deal.Scores.Overall);
        foreach (var kind in (ReadOnlySpan<VerdictKind>)[VerdictKind.Missing, VerdictKind.Filler, VerdictKind.Vague, VerdictKind.Invalid])
        {
            output.Write(',');
            _cell.Clear();
            for (var i = 0; i < deal.Verdicts.Length; i++)
                if (deal.Verdicts[i].Kind == kind)
                    _cell.Append(_cell.Length == 0 ? "" : ";").Append(deal.Plan.Fields[i].Key);
            output.Write(_cell);
        }
        output.Write('\n');
    }

    private void Score(int s)
    {
        if (s >= 0) output.Write(s);
    }

    private void Quote(ReadOnlySpan<char> value)
    {
        if (value.IndexOfAny(",\"\r\n") < 0)
        {
            output.Write(value);
            return;
        }
        output.Write('"');
        foreach (var c in value)
        {
            if (c == '"') output.Write('"');
            output.Write(c);
        }
        output.Write('"');
    }

    public void End(AuditSummary summary) => output.Flush();
}
