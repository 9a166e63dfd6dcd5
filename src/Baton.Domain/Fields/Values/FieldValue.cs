using NodaTime;

namespace Baton.Domain.Fields.Values;

/// <summary>A handoff value parsed from the string a CRM export or form carried, typed by <see cref="FieldType"/>.</summary>
public abstract record FieldValue;

/// <summary>Free text (<see cref="FieldType.Text"/>, <see cref="FieldType.LongText"/>), trimmed.</summary>
public sealed record TextValue(string Text) : FieldValue;

/// <summary>A plain number (<see cref="FieldType.Number"/>), e.g. contracted seats.</summary>
public sealed record NumberValue(decimal Value) : FieldValue;

/// <summary>An amount of money; <paramref name="Currency"/> is an ISO 4217 code when the value named one.</summary>
public sealed record MoneyValue(decimal Amount, string? Currency) : FieldValue;

/// <summary>A calendar date; times and offsets in the source are dropped (see <see cref="FieldValueParser.TryParseDate"/>).</summary>
public sealed record DateValue(LocalDate Date) : FieldValue;

/// <summary>Yes or no (<see cref="FieldType.Boolean"/>).</summary>
public sealed record BooleanValue(bool Value) : FieldValue;

/// <summary>One of the field's choices, spelled as the manifest spells it.</summary>
public sealed record ChoiceValue(string Choice) : FieldValue;

/// <summary>Several of the field's choices, spelled as the manifest spells them, without duplicates.</summary>
public sealed record MultiChoiceValue(IReadOnlyList<string> Choices) : FieldValue;

/// <summary>An absolute http(s) link (<see cref="FieldType.Url"/>).</summary>
public sealed record UrlValue(Uri Url) : FieldValue;

/// <summary>A person; <paramref name="Email"/> is null when only a name was given, <paramref name="Name"/> empty when only an e-mail was.</summary>
public sealed record ContactValue(string Name, string? Title, string? Email) : FieldValue;

/// <summary>What was sold, from <c>seats=25; products=Core,Analytics; arr=48000; start=…; renewal=…</c>; absent keys are null or empty.</summary>
public sealed record ScopeValue(
    int? Seats,
    IReadOnlyList<string> Products,
    MoneyValue? Arr,
    LocalDate? Start,
    LocalDate? Renewal) : FieldValue;
