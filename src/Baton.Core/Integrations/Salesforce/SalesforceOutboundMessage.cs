using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Baton.Core.Inbox;

namespace Baton.Core.Integrations.Salesforce;

/// <summary>One Opportunity as an Outbound Message carries it: the chosen fields, latest values only.</summary>
public sealed record SalesforceNotification(string Id, string ObjectType, IReadOnlyDictionary<string, string?> Fields)
{
    public string? this[string field] => Fields.GetValueOrDefault(field);
}

/// <summary>An Outbound Message: the sending org, the action, and 1 to 100 notifications.</summary>
public sealed record SalesforceOutboundMessage(string OrganizationId, string ActionId, IReadOnlyList<SalesforceNotification> Notifications)
{
    public const string Source = "salesforce";
    private static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";
    private static readonly XNamespace Outbound = "http://soap.sforce.com/2005/09/outbound";
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>What Salesforce must get back, or it retries the whole message.</summary>
    public const string Ack = """
        <?xml version="1.0" encoding="UTF-8"?>
        <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
         <soapenv:Body>
          <notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound">
           <Ack>true</Ack>
          </notificationsResponse>
         </soapenv:Body>
        </soapenv:Envelope>
        """;

    /// <summary>Reads the SOAP envelope, or says what is wrong with it. No DTDs, no external entities.</summary>
    public static (SalesforceOutboundMessage? Message, string? Problem) Parse(string xml)
    {
        XDocument doc;
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 4_000_000 });
            doc = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            return (null, $"not XML: line {e.LineNumber}, position {e.LinePosition}: {e.Message}");
        }
        var notifications = doc.Root?.Element(Soap + "Body")?.Element(Outbound + "notifications");
        if (doc.Root?.Name != Soap + "Envelope" || notifications is null)
            return (null, "not an Outbound Message: expected a SOAP Envelope whose Body holds notifications in http://soap.sforce.com/2005/09/outbound");
        var org = notifications.Element(Outbound + "OrganizationId")?.Value.Trim();
        if (string.IsNullOrEmpty(org)) return (null, "the message has no OrganizationId");
        var list = new List<SalesforceNotification>();
        foreach (var n in notifications.Elements(Outbound + "Notification"))
        {
            var id = n.Element(Outbound + "Id")?.Value.Trim();
            var sobject = n.Element(Outbound + "sObject");
            if (string.IsNullOrEmpty(id) || sobject is null) return (null, $"line {((IXmlLineInfo)n).LineNumber}: a Notification needs an Id and an sObject");
            var type = sobject.Attribute(Xsi + "type")?.Value ?? "";
            type = type.Contains(':') ? type[(type.IndexOf(':') + 1)..] : type;
            var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var f in sobject.Elements())
                fields[f.Name.LocalName] = f.Attribute(Xsi + "nil")?.Value == "true" ? null : f.Value;
            list.Add(new SalesforceNotification(id, type, fields));
        }
        if (list.Count is 0 or > 100) return (null, $"an Outbound Message carries 1 to 100 notifications, this one {list.Count}");
        return (new SalesforceOutboundMessage(org, notifications.Element(Outbound + "ActionId")?.Value.Trim() ?? "", list), null);
    }

    /// <summary>Salesforce ids come in 15 (case-sensitive) and 18 characters; the first 15 are the id.</summary>
    public static bool SameOrg(string a, string b) =>
        a.Length >= 15 && b.Length >= 15 && string.Equals(a[..15], b[..15], StringComparison.Ordinal);

    /// <summary>Each notification as an inbox event, deduplicated by its notification id (a retried message repeats them).</summary>
    public IReadOnlyList<ReceivedEvent> Events() => Notifications
        .Select(n => new ReceivedEvent(n.Id, n.ObjectType, JsonSerializer.Serialize(new { organizationId = OrganizationId, n.Id, n.ObjectType, n.Fields })))
        .ToList();

    public static SalesforceNotification? Read(string body)
    {
        try
        {
            var root = JsonDocument.Parse(body).RootElement;
            var fields = root.GetProperty("Fields").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.GetString(), StringComparer.Ordinal);
            return new SalesforceNotification(root.GetProperty("Id").GetString()!, root.GetProperty("ObjectType").GetString()!, fields);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}
