namespace Baton.Core.Audit;

/// <summary>The export cannot be audited; says where and why, for exit code 2.</summary>
public sealed class AuditInputException(string file, int line, string message) : Exception(message)
{
    public string File { get; } = file;
    /// <summary>1-based physical line, or 0 when the problem is the file as a whole.</summary>
    public int Line { get; } = line;

    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";
}
