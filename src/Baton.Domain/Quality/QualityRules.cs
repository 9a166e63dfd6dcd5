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
    /// <summary>Competitors or tools replaced: names a vendor or product, an in-house build, or says there was none.</summary>
    public const string Vendor = "vendor";
    /// <summary>Promised beyond the contract: names a concrete commitment, or says explicitly that nothing was.</summary>
    public const string Commitment = "commitment";
    /// <summary>Non-standard terms: names the clause, or says the paper is standard.</summary>
    public const string Terms = "terms";
    /// <summary>A technical environment: named systems; "a CRM and SSO" or "cloud" names categories.</summary>
    public const string Systems = "systems";
    /// <summary>A decision timeline: dates tied to its steps, at least two.</summary>
    public const string Timeline = "timeline";

    /// <summary>Every name the manifest may use; a playbook naming any other is rejected.</summary>
    public static IReadOnlySet<string> Known { get; } =
        new[] { Metric, Specific, ExplicitNone, After, Email, MinWords, Vendor, Commitment, Terms, Timeline, Systems }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Rules that need an argument: <c>after</c> names a date field, <c>min_words</c> a positive whole number.</summary>
    public static bool RequiresArgument(string name) => name is After or MinWords;
}

/// <summary>The stable ids a <see cref="Verdict"/> names as <see cref="Verdict.Rule"/>; reports and UIs may key on them.</summary>
public static class RuleIds
{
    /// <summary>Blank or whitespace where a value is required.</summary>
    public const string Required = "required";
    /// <summary>A placeholder: "n/a", "tbd", "see notes", punctuation, keyboard mash, "none" where none is not an answer.</summary>
    public const string Filler = "filler";
    /// <summary>The field's own label or key typed as its value.</summary>
    public const string CopiedLabel = "copied_label";
    /// <summary>The same long text as another field of the deal.</summary>
    public const string CopiedField = "copied_field";
    /// <summary>Only a link where text is asked for.</summary>
    public const string LoneLink = "lone_link";
    /// <summary>A success metric without a number.</summary>
    public const string MetricNoNumber = "metric_no_number";
    /// <summary>A success metric without a time frame ("per month" is a rate, not a time frame).</summary>
    public const string MetricNoTimeframe = "metric_no_timeframe";
    /// <summary>A why or risk answer made only of generic words.</summary>
    public const string Generic = "generic";
    /// <summary>Blank in a field that accepts an explicit "none" but never a blank.</summary>
    public const string ExplicitNone = "explicit_none";
    /// <summary>A date not after the date of the field named by <c>after:FIELD</c>.</summary>
    public const string After = "after";
    /// <summary>A contact without an e-mail (vague) or with a malformed one (invalid).</summary>
    public const string Email = "email";
    /// <summary>Fewer words than <c>min_words:N</c> asks for.</summary>
    public const string MinWords = "min_words";
    /// <summary>A value that does not parse as the field's type.</summary>
    public const string Type = "type";
    /// <summary>Points elsewhere or to later instead of answering: "in the deck", "ask the AE", "siehe CRM", "後で共有します".</summary>
    public const string Deferral = "deferral";
    /// <summary>A stock answer that fits any customer: "the usual suspects", "standard setup", "like every project".</summary>
    public const string Stock = "stock_answer";
    /// <summary>A vendor, commitment or terms answer that names none: "big players", "extra support", "special pricing".</summary>
    public const string NothingNamed = "nothing_named";
    /// <summary>A decision timeline without dates for its steps: "fast", "Q4", "about 3 months".</summary>
    public const string NoDates = "no_dates";
    /// <summary>A competitors, tools-replaced or environment answer that names no product: "their current vendor", "Ticketsystem".</summary>
    public const string NoProduct = "no_product";

    public static IReadOnlySet<string> All { get; } = new[]
    {
        Required, Filler, CopiedLabel, CopiedField, LoneLink, MetricNoNumber, MetricNoTimeframe,
        Generic, ExplicitNone, After, Email, MinWords, Type, Deferral, Stock, NothingNamed, NoDates, NoProduct,
    }.ToFrozenSet(StringComparer.Ordinal);
}
