using System.Globalization;
using Baton.Domain.Fields;
using Baton.Domain.Fields.Values;

namespace Baton.Core.Integrations.HubSpot;

/// <summary>
/// A handoff value as HubSpot stores it and back: HubSpot keeps every value as a string, but a bool property takes only
/// <c>true</c>/<c>false</c>, a date property an ISO date, a checkbox enumeration values joined by <c>;</c>.
/// </summary>
public static class HubSpotFieldValues
{
    /// <summary>Baton's text for a HubSpot value (as typed by the AE in HubSpot, or as Baton wrote it).</summary>
    public static string? FromHubSpot(FieldDefinition field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var text = value.Trim();
        switch (field.Type)
        {
            case FieldType.Boolean:
                return text.Equals("true", StringComparison.OrdinalIgnoreCase) ? "Yes" : text.Equals("false", StringComparison.OrdinalIgnoreCase) ? "No" : text;
            case FieldType.Date:
                // Date properties come as ISO dates or as epoch milliseconds at midnight UTC.
                if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms))
                    return DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                return text.Length > 10 && text[10] == 'T' ? text[..10] : text;
            default:
                return text;
        }
    }

    /// <summary>HubSpot's string for a Baton value; a value Baton cannot type is sent as typed, and HubSpot's refusal says why.</summary>
    public static string? ToHubSpot(FieldDefinition field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (!FieldValueParser.TryParse(field, value, out var typed, out _)) return value;
        return typed switch
        {
            BooleanValue b => b.Value ? "true" : "false",
            DateValue d => d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            NumberValue n => n.Value.ToString(CultureInfo.InvariantCulture),
            MoneyValue m when field.Type == FieldType.Currency => m.Amount.ToString(CultureInfo.InvariantCulture),
            MultiChoiceValue c => string.Join(';', c.Choices),
            ChoiceValue c => c.Choice,
            _ => value.Trim(),
        };
    }
}
