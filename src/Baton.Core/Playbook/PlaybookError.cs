namespace Baton.Core.Playbook;

/// <summary>A problem in a playbook file, located so an editor can jump to it.</summary>
public sealed record PlaybookError(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}

/// <summary>The loaded playbook, or every problem that stopped it loading.</summary>
public sealed record PlaybookLoadResult(Domain.Playbook.Playbook? Playbook, IReadOnlyList<PlaybookError> Errors)
{
    public bool Ok => Playbook is not null && Errors.Count == 0;
}
