using Sylvan.Data.Csv;

namespace Baton.Bench.ReadCsv;

/// <summary>
/// The floor for any audit: read every row and every field of the export with Sylvan.Data.Csv and
/// nothing else. Each field's span is touched (its length summed, its first character folded in)
/// so the JIT cannot skip the work.
/// </summary>
internal static class CsvReadBaseline
{
    /// <summary>Sylvan's read buffer, in chars; 64 KiB measured the same CPU time (docs/benchmarks.md).</summary>
    public const int DefaultBufferChars = 1 << 20;

    public static int Run(string path, int bufferChars = DefaultBufferChars)
    {
        if (!File.Exists(path))
            throw new UsageException($"no such file: {path}");
        var options = new CsvDataReaderOptions { HasHeaders = true, BufferSize = bufferChars };
        using var csv = CsvDataReader.Create(path, options);
        long rows = 0, fields = 0, chars = 0, check = 0;
        var width = csv.FieldCount;
        while (csv.Read())
        {
            rows++;
            var n = csv.RowFieldCount;
            for (var i = 0; i < n; i++)
            {
                var span = csv.GetFieldSpan(i);
                chars += span.Length;
                if (!span.IsEmpty)
                    check += span[0];
            }
            fields += n;
        }
        Console.WriteLine($"rows={rows} columns={width} fields={fields} chars={chars} check={check}");
        return 0;
    }
}
