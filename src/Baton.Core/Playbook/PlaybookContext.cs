using Baton.Domain.Calendar;
using Baton.Domain.Handoffs;

namespace Baton.Core.Playbook;

/// <summary>The loaded playbook with what the service derives from it once: the business calendar and the clock table.</summary>
public sealed class PlaybookContext
{
    public PlaybookContext(Domain.Playbook.Playbook playbook, string directory)
    {
        Playbook = playbook;
        Directory = directory;
        Calendar = BusinessCalendar.Create(playbook.Calendar);
        Clocks = HandoffClocks.From(playbook.Clocks);
    }

    public Domain.Playbook.Playbook Playbook { get; }
    /// <summary>Where the playbook was read from; templates are resolved against it.</summary>
    public string Directory { get; }
    public BusinessCalendar Calendar { get; }
    public HandoffClocks Clocks { get; }

    /// <summary>Loads and validates; throws with every located error when the playbook is broken.</summary>
    public static PlaybookContext Load(string directory)
    {
        var result = PlaybookLoader.Load(directory);
        if (!result.Ok)
            throw new InvalidOperationException($"the playbook in {directory} has problems:{Environment.NewLine}{string.Join(Environment.NewLine, result.Errors)}");
        return new PlaybookContext(result.Playbook!, directory);
    }
}
