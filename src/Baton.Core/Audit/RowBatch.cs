using Baton.Domain.Fields;

namespace Baton.Core.Audit;

/// <summary>
/// Closed-won rows copied out of the CSV reader's buffer so another thread can judge them.
/// </summary>
/// <remarks>
/// Cells live back to back in one char array; each row has <see cref="CellsPerRow"/> (start, length) pairs:
/// the manifest's fields by ordinal, then id, name and owner. Batches are recycled, so memory stays fixed.
/// </remarks>
internal sealed class RowBatch
{
    public const int Capacity = 1024;
    private char[] _chars = new char[Capacity * 512];
    private int _used;
    private readonly int[] _starts;
    private readonly int[] _lengths;
    private readonly int[] _lines = new int[Capacity];
    private readonly string?[] _segments = new string?[Capacity];

    public RowBatch(int fieldCount)
    {
        FieldCount = fieldCount;
        CellsPerRow = fieldCount + 3;
        _starts = new int[Capacity * CellsPerRow];
        _lengths = new int[Capacity * CellsPerRow];
    }

    public int FieldCount { get; }
    public int CellsPerRow { get; }
    public int Count { get; private set; }
    public bool IsFull => Count == Capacity;

    public void Clear()
    {
        Count = 0;
        _used = 0;
    }

    /// <summary>Starts a row; follow with exactly <see cref="CellsPerRow"/> calls to <see cref="AddCell"/>.</summary>
    public void BeginRow(int line, string? segment)
    {
        _lines[Count] = line;
        _segments[Count] = segment;
        _cell = Count * CellsPerRow;
        Count++;
    }

    private int _cell;

    public void AddCell(ReadOnlySpan<char> value)
    {
        if (_used + value.Length > _chars.Length) Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _used + value.Length));
        value.CopyTo(_chars.AsSpan(_used));
        _starts[_cell] = _used;
        _lengths[_cell] = value.Length;
        _used += value.Length;
        _cell++;
    }

    public int Line(int row) => _lines[row];
    public string? Segment(int row) => _segments[row];

    public ReadOnlySpan<char> Cell(int row, int cell)
    {
        var i = row * CellsPerRow + cell;
        return _chars.AsSpan(_starts[i], _lengths[i]);
    }

    /// <summary>One row of the batch as the gate reads it.</summary>
    public sealed class RowView(RowBatch batch) : IFieldValues
    {
        public int Row { get; set; }
        public RowBatch Batch { get; set; } = batch;
        public ReadOnlySpan<char> Get(int ordinal) => Batch.Cell(Row, ordinal);
    }
}
