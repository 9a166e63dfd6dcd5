using System.Text;
using System.Text.Json;
using Baton.Core.Data;

namespace Baton.Core.Webhooks;

/// <summary>The JSON a webhook receiver gets: <c>{type, timestamp, data}</c>, as Standard Webhooks suggests (docs/webhooks.md).</summary>
public static class WebhookBody
{
    /// <summary>The version of the body's shape, in <c>data.schema</c>; it changes only with a new schema file in docs/.</summary>
    public const int Schema = 1;

    public static string NewMessageId() => "msg_" + Guid.CreateVersion7().ToString("N");

    public static string Write(string type, EventRow e, DateTimeOffset occurred)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", type);
            json.WriteString("timestamp", occurred.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteStartObject("data");
            json.WriteNumber("schema", Schema);
            json.WriteString("deal_id", e.DealId);
            json.WriteString("actor", e.Actor);
            json.WritePropertyName("details");
            // The history entry's own JSON, as GET /api/deals/{id} shows it in the history.
            json.WriteRawValue(string.IsNullOrWhiteSpace(e.Data) ? "{}" : e.Data);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
