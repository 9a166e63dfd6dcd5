using System.Text;
using Baton.Core.Playbook;
using Baton.Domain.Fields;
using Baton.Domain.Fields.Values;
using Baton.Domain.Gate;
using Baton.Domain.Playbook;
using Baton.Domain.Quality;
using Sylvan.Data.Csv;

namespace Baton.Core.Audit;

/// <summary>
/// Audits a CRM deal export against the playbook's Closed Won gate, one row at a time.
/// </summary>
/// <remarks>
/// Memory is flat in the file's size: rows are judged straight out of the CSV reader's buffer and handed to the
/// sink; only counters, one tally per AE and the ten worst deals are kept.
/// </remarks>
public static class AuditRun
{
    private const int BufferChars = 1 << 16;

    /// <param name="progress">Receives the bytes read so far, for a progress bar.</param>
    public static AuditSummary Run(string path, Domain.Playbook.Playbook playbook, IAuditSink sink, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path)) throw new AuditInputException(path, 0, "no such file");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var delimiter = Sniff(path, stream);
        stream.Position = 0;

        // Strict UTF-8 (BOM optional): a file saved as Windows-1252 is refused instead of read as mojibake.
        using var text = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, BufferChars);
        var line = 1;
        try
        {
            using var csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true, Delimiter = delimiter, BufferSize = BufferChars });
            var headers = Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToArray();
            var schema = CrmExportSchema.Detect(path, headers, playbook.Fields);
            var context = new AuditContext(path, schema.Flavor, playbook, schema);
            line = 2;
            sink.Begin(context);

            var summary = Judge(path, playbook, sink, csv, schema, context, stream, progress, ref line, cancellationToken);
            sink.End(summary);
            return summary;
        }
        catch (DecoderFallbackException)
        {
            // The reader decodes ahead in blocks, so find the exact spot with a second pass (failures only).
            var (badLine, badColumn) = FirstInvalidUtf8(path);
            throw new AuditInputException(path, badLine, $"not UTF-8 text (byte at column {badColumn} is not valid UTF-8): export the file again as UTF-8 (\"CSV UTF-8\" in Excel)");
        }
        catch (CsvMissingHeadersException)
        {
            throw new AuditInputException(path, 1, "no header row: a deal export starts with the column names");
        }
        catch (CsvFormatException e)
        {
            throw new AuditInputException(path, line, $"malformed CSV near field {e.FieldOrdinal + 1}: a quote is not closed or stray text follows a closing quote");
        }
    }

    /// <summary>
    /// Parses on the calling thread and judges on a second one: parsing is the bulk of the work, and on a
    /// two-core machine the gate then costs almost nothing extra. Batches are recycled, so memory stays flat.
    /// </summary>
    private static AuditSummary Judge(string path, Domain.Playbook.Playbook playbook, IAuditSink sink, CsvDataReader csv, CrmExportSchema schema,
        AuditContext context, FileStream stream, IProgress<long>? progress, ref int line, CancellationToken cancellationToken)
    {
        var stageLookup = StageLookup(playbook).GetAlternateLookup<ReadOnlySpan<char>>();
        var segments = playbook.Segments.ToDictionary(s => s.Name, s => s, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        var fieldCount = playbook.Fields.Fields.Count;
        var arrOrdinal = playbook.Fields.Find("arr")?.Ordinal ?? -1;
        var columns = schema.FieldColumns;
        var stageCounts = new long[playbook.Stages.Count];
        var csvColumns = csv.FieldCount;
        long rows = 0;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var free = new System.Collections.Concurrent.BlockingCollection<RowBatch>();
        using var full = new System.Collections.Concurrent.BlockingCollection<RowBatch>();
        for (var i = 0; i < 4; i++) free.Add(new RowBatch(fieldCount));
        var judge = new BatchJudge(playbook, sink);
        var worker = Task.Factory.StartNew(() =>
        {
            try
            {
                foreach (var batch in full.GetConsumingEnumerable(stop.Token))
                {
                    judge.Judge(batch);
                    batch.Clear();
                    free.Add(batch);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
            catch
            {
                stop.Cancel();
                throw;
            }
        }, TaskCreationOptions.LongRunning);

        try
        {
            var current = free.Take(stop.Token);
            while (csv.Read())
            {
                var raw = csv.GetRawRecordSpan();
                var recordLine = line;
                line += CsvPositions.CountLines(raw);
                if (csv.RowFieldCount != csvColumns)
                {
                    if (csv.RowFieldCount <= 1 && raw.IsWhiteSpace()) continue;
                    throw new AuditInputException(path, recordLine, $"row has {csv.RowFieldCount} columns, the header has {csvColumns}: a cell with a comma or a line break is probably not quoted");
                }

                var stageValue = csv.GetFieldSpan(schema.Stage).Trim();
                if (!stageLookup.TryGetValue(stageValue, out var stage))
                    throw new AuditInputException(path, recordLine, UnknownStage(stageValue, playbook));
                rows++;
                stageCounts[stage.Order]++;
                if ((rows & 0xFFF) == 0)
                {
                    progress?.Report(stream.Position);
                    stop.Token.ThrowIfCancellationRequested();
                }
                if (stage.Outcome != StageOutcome.Won) continue;

                current.BeginRow(recordLine, SegmentOf(csv, schema, arrOrdinal, playbook, segments)?.Name);
                for (var f = 0; f < fieldCount; f++) current.AddCell(columns[f] < 0 ? default : csv.GetFieldSpan(columns[f]));
                current.AddCell(schema.Id >= 0 ? csv.GetFieldSpan(schema.Id) : default);
                current.AddCell(schema.Name >= 0 ? csv.GetFieldSpan(schema.Name) : default);
                current.AddCell(schema.Owner >= 0 ? csv.GetFieldSpan(schema.Owner).Trim() : default);
                if (current.IsFull)
                {
                    full.Add(current, stop.Token);
                    current = free.Take(stop.Token);
                }
            }
            if (current.Count > 0) full.Add(current, stop.Token);
            full.CompleteAdding();
            worker.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (worker.IsFaulted || worker.Status == TaskStatus.Running)
        {
            // The worker failed (a sink could not write): its exception is the one to report.
            full.CompleteAdding();
            worker.GetAwaiter().GetResult();
            throw;
        }
        catch
        {
            stop.Cancel();
            full.CompleteAdding();
            try { worker.GetAwaiter().GetResult(); } catch { /* the reader's error is the one to report */ }
            throw;
        }

        progress?.Report(stream.Length);
        judge.Tally.DealsRead = rows;
        judge.Tally.StageCounts = stageCounts;
        return judge.Tally.Build(context);
    }

    /// <summary>Judges batches of closed-won rows against the Closed Won gate, one plan per segment.</summary>
    private sealed class BatchJudge
    {
        private readonly IAuditSink _sink;
        private readonly Dictionary<string, GatePlan> _plans = new(StringComparer.OrdinalIgnoreCase);
        private readonly GatePlan _noSegment;
        private readonly Verdict[] _verdicts;
        private readonly int _fieldCount;
        private readonly RowBatch.RowView _view;
        private readonly VerdictCache _cache = new();

        public BatchJudge(Domain.Playbook.Playbook playbook, IAuditSink sink)
        {
            _sink = sink;
            var won = playbook.WonStage;
            _noSegment = GatePlan.For(playbook, won, null);
            foreach (var s in playbook.Segments) _plans[s.Name] = GatePlan.For(playbook, won, s.Name);
            _fieldCount = playbook.Fields.Fields.Count;
            _verdicts = new Verdict[_fieldCount];
            _view = new RowBatch.RowView(new RowBatch(0));
            Tally = new AuditTally(playbook.Fields);
        }

        public AuditTally Tally { get; }

        private string? _lastSegment;
        private GatePlan? _lastPlan;

        /// <summary>Segment names come from the playbook's own strings, so the same instance skips the case-blind lookup.</summary>
        private GatePlan PlanFor(string segment)
        {
            if (!ReferenceEquals(segment, _lastSegment))
            {
                _lastPlan = _plans[segment];
                _lastSegment = segment;
            }
            return _lastPlan!;
        }

        public void Judge(RowBatch batch)
        {
            _view.Batch = batch;
            for (var row = 0; row < batch.Count; row++)
            {
                _view.Row = row;
                var segment = batch.Segment(row);
                var plan = segment is null ? _noSegment : PlanFor(segment);
                var judged = _verdicts.AsSpan(0, plan.Fields.Count);
                var passed = plan.Evaluate(_view, judged, _cache);
                var deal = new DealAudit
                {
                    Line = batch.Line(row),
                    Id = batch.Cell(row, _fieldCount),
                    Name = batch.Cell(row, _fieldCount + 1),
                    Owner = batch.Cell(row, _fieldCount + 2),
                    Segment = segment,
                    Passed = passed,
                    Plan = plan,
                    Verdicts = judged,
                    Scores = PillarScores.Compute(plan, judged),
                    Values = _view,
                };
                Tally.Add(deal);
                _sink.Deal(deal);
            }
        }
    }

    private static Segment? SegmentOf(CsvDataReader csv, CrmExportSchema schema, int arrOrdinal,
        Domain.Playbook.Playbook playbook, Dictionary<string, Segment>.AlternateLookup<ReadOnlySpan<char>> segments)
    {
        if (schema.Segment >= 0 && segments.TryGetValue(csv.GetFieldSpan(schema.Segment).Trim(), out var named)) return named;
        if (arrOrdinal >= 0 && schema.FieldColumns[arrOrdinal] is var arrColumn and >= 0 && FieldValueParser.TryParseCurrency(csv.GetFieldSpan(arrColumn), out var arr, out _))
            return playbook.SegmentFor(arr);
        if (schema.Amount >= 0 && FieldValueParser.TryParseCurrency(csv.GetFieldSpan(schema.Amount), out var amount, out _)) return playbook.SegmentFor(amount);
        return null;
    }

    private static Dictionary<string, Stage> StageLookup(Domain.Playbook.Playbook playbook)
    {
        var map = new Dictionary<string, Stage>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in playbook.Stages)
        {
            map.TryAdd(s.Name, s);
            if (s.HubSpotId is { } h) map.TryAdd(h, s);
            if (s.SalesforceName is { } sf) map.TryAdd(sf, s);
        }
        return map;
    }

    private static string UnknownStage(ReadOnlySpan<char> value, Domain.Playbook.Playbook playbook)
    {
        var known = string.Join(", ", playbook.Stages.Select(s => s.HubSpotId is null ? s.Name : $"{s.Name} ({s.HubSpotId})"));
        return value.IsEmpty
            ? $"the deal stage is empty; known stages: {known}"
            : $"unknown deal stage '{value}'; the playbook's stages are: {known}. Is the export from another pipeline?";
    }

    private static (int Line, int Column) FirstInvalidUtf8(string path)
    {
        using var stream = File.OpenRead(path);
        var bytes = new byte[1 << 16];
        var chars = new char[1 << 16];
        int line = 1, column = 1, carried = 0, read;
        while ((read = stream.Read(bytes, carried, bytes.Length - carried)) > 0 || carried > 0)
        {
            var length = carried + read;
            var status = System.Text.Unicode.Utf8.ToUtf16(bytes.AsSpan(0, length), chars, out var consumed, out var written,
                replaceInvalidSequences: false, isFinalBlock: read == 0);
            foreach (var c in chars.AsSpan(0, written))
            {
                if (c == '\n') { line++; column = 1; } else column++;
            }
            if (status == System.Buffers.OperationStatus.InvalidData) return (line, column);
            carried = length - consumed;
            bytes.AsSpan(consumed, carried).CopyTo(bytes);
            if (read == 0) break;
        }
        return (line, column);
    }

    /// <summary>Refuses what is plainly not a CSV export and picks the delimiter from the header line.</summary>
    private static char Sniff(string path, FileStream stream)
    {
        Span<byte> head = stackalloc byte[4096];
        var n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..n];
        if (n == 0) throw new AuditInputException(path, 0, "the file is empty: a deal export starts with a header row");
        if (head.StartsWith("PK\u0003\u0004"u8))
            throw new AuditInputException(path, 0, "this is an Excel workbook (.xlsx), not CSV: export the deals as CSV");
        var utf16 = head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]);
        if (!utf16 && head.Contains((byte)0))
            throw new AuditInputException(path, 0, "binary data, not a CSV text file");
        var firstLine = head;
        if (!utf16)
        {
            var nl = head.IndexOf((byte)'\n');
            if (nl >= 0) firstLine = head[..nl];
            var trimmed = firstLine.TrimStart((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF, (byte)' ']);
            if (trimmed.Length > 0 && (trimmed[0] == (byte)'{' || trimmed[0] == (byte)'['))
                throw new AuditInputException(path, 1, "this looks like JSON, not CSV: export the deals as CSV");
            if (trimmed.Length > 0 && trimmed[0] == (byte)'<')
                throw new AuditInputException(path, 1, "this looks like HTML or XML, not CSV: export the deals as CSV");
        }
        int commas = firstLine.Count((byte)','), semicolons = firstLine.Count((byte)';'), tabs = firstLine.Count((byte)'\t');
        return tabs > commas && tabs > semicolons ? '\t' : semicolons > commas ? ';' : ',';
    }
}
