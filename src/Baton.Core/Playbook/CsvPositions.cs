namespace Baton.Core.Playbook;

/// <summary>Where each cell of a raw CSV record starts, so errors can point at line and column.</summary>
/// <remarks>Sylvan parses the values; this only walks the raw record text to locate them (quote-aware).</remarks>
internal static class CsvPositions
{
    public static (int Line, int Column)[] CellStarts(ReadOnlySpan<char> rawRecord, int firstLine, char delimiter = ',')
    {
        var starts = new List<(int, int)> { (firstLine, 1) };
        int line = firstLine, column = 1;
        var quoted = false;
        for (var i = 0; i < rawRecord.Length; i++)
        {
            var c = rawRecord[i];
            if (c == '"') quoted = !quoted;
            else if (c == '\n')
            {
                if (!quoted) break;
                line++;
                column = 0;
            }
            else if (c == delimiter && !quoted) starts.Add((line, column + 1));
            column++;
        }
        return starts.ToArray();
    }

    public static int CountLines(ReadOnlySpan<char> rawRecord)
    {
        var n = rawRecord.Count('\n');
        // A last record without a trailing newline still occupies a line.
        return rawRecord.Length > 0 && rawRecord[^1] != '\n' ? n + 1 : n;
    }
}
