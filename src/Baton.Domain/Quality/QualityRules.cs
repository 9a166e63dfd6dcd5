using System.Collections.Frozen;

namespace Baton.Domain.Quality;

/// <summary>The rule names a field manifest may put in its <c>rules</c> column.</summary>
public static class QualityRules
{
    /// <summary>A success metric: needs a number and a time frame.</summary>
    public const string Metric = "metric";
    /// <summary>A why or risk answer: a few generic words are not enough.</summary>
    public const string Specific = "specific";
    /// <summary>Blank never passes, but "None" or "Nothing beyond the contract" is an accepted answer.</summary>
    public const string ExplicitNone = "explicit_none";
    /// <summary><c>after:FIELD</c>: this date must fall after the other field's date.</summary>
    public const string After = "after";
    /// <summary>A contact must carry a well-formed e-mail.</summary>
    public const string Email = "email";
    /// <summary><c>min_words:N</c>: at least N words.</summary>
    public const string MinWords = "min_words";

    /// <summary>Every name the manifest may use; a playbook naming any other is rejected.</summary>
    public static IReadOnlySet<string> Known { get; } =
        new[] { Metric, Specific, ExplicitNone, After, Email, MinWords }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Rules that need an argument: <c>after</c> names a date field, <c>min_words</c> a positive whole number.</summary>
    public static bool RequiresArgument(string name) => name is After or MinWords;
}

/// <summary>The stable ids a <see cref="Verdict"/> names as <see cref="Verdict.Rule"/>; reports and UIs may key on them.</summary>
public static class RuleIds
{
    public const string Required = "required";
    public const string Filler = "filler";
    public const string CopiedLabel = "copied_label";
    public const string CopiedField = "copied_field";
    public const string LoneLink = "lone_link";
    public const string MetricNoNumber = "metric_no_number";
    public const string MetricNoTimeframe = "metric_no_timeframe";
    public const string Generic = "generic";
    public const string ExplicitNone = "explicit_none";
    public const string After = "after";
    public const string Email = "email";
    public const string MinWords = "min_words";
    public const string Type = "type";

    public static IReadOnlySet<string> All { get; } = new[]
    {
        Required, Filler, CopiedLabel, CopiedField, LoneLink, MetricNoNumber, MetricNoTimeframe,
        Generic, ExplicitNone, After, Email, MinWords, Type,
    }.ToFrozenSet(StringComparer.Ordinal);
}
