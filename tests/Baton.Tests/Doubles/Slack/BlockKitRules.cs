using System.Text.Json;
using System.Text.Json.Nodes;

namespace Baton.Tests.Doubles.Slack;

/// <summary>
/// Block Kit's documented limits as the double enforces them. Written apart from Baton's builders on
/// purpose: a limit copied wrong in both places would let a test pass that Slack fails.
/// </summary>
/// <remarks>Messages in the style Slack gives them: <c>[ERROR] … [json-pointer:/blocks/3/text/text]</c>.</remarks>
internal static class BlockKitRules
{
    public enum Surface { Message, Modal }

    private static readonly HashSet<string> MessageBlocks = ["section", "header", "context", "actions", "divider", "image", "rich_text"];
    private static readonly HashSet<string> ModalBlocks = [.. MessageBlocks, "input"];

    public static List<string> Check(JsonNode? blocks, Surface surface, string pointer = "/blocks")
    {
        var errors = new List<string>();
        if (blocks is not JsonArray array)
        {
            errors.Add($"[ERROR] must be an array [json-pointer:{pointer}]");
            return errors;
        }
        var max = surface == Surface.Message ? 50 : 100;
        if (array.Count > max) errors.Add($"[ERROR] no more than {max} items allowed [json-pointer:{pointer}]");

        var blockIds = new HashSet<string>();
        var actionIds = new HashSet<string>();
        for (var i = 0; i < array.Count; i++)
        {
            var at = $"{pointer}/{i}";
            if (array[i] is not JsonObject block) { errors.Add($"[ERROR] must be an object [json-pointer:{at}]"); continue; }
            var type = Str(block, "type");
            var allowed = surface == Surface.Message ? MessageBlocks : ModalBlocks;
            if (type is null || !allowed.Contains(type)) { errors.Add($"[ERROR] unsupported type: {type} [json-pointer:{at}/type]"); continue; }
            if (Str(block, "block_id") is { } blockId)
            {
                Length(errors, blockId, 1, 255, $"{at}/block_id");
                if (!blockIds.Add(blockId)) errors.Add($"[ERROR] block_id must be unique [json-pointer:{at}/block_id]");
            }

            switch (type)
            {
                case "section":
                    var hasText = block["text"] is not null;
                    var hasFields = block["fields"] is not null;
                    if (!hasText && !hasFields) errors.Add($"[ERROR] must provide text or fields [json-pointer:{at}]");
                    if (hasText) TextObject(errors, block["text"], 3000, $"{at}/text", plainOnly: false);
                    if (hasFields)
                    {
                        if (block["fields"] is not JsonArray fields || fields.Count is 0 or > 10)
                            errors.Add($"[ERROR] fields must be 1 to 10 items [json-pointer:{at}/fields]");
                        else
                            for (var f = 0; f < fields.Count; f++) TextObject(errors, fields[f], 2000, $"{at}/fields/{f}", plainOnly: false);
                    }
                    if (block["accessory"] is JsonObject accessory) Element(errors, accessory, $"{at}/accessory", actionIds);
                    break;
                case "header":
                    TextObject(errors, block["text"], 150, $"{at}/text", plainOnly: true);
                    break;
                case "context":
                    if (block["elements"] is not JsonArray items || items.Count is 0 or > 10)
                        errors.Add($"[ERROR] elements must be 1 to 10 items [json-pointer:{at}/elements]");
                    else
                        for (var e = 0; e < items.Count; e++)
                            if (Str(items[e], "type") is "plain_text" or "mrkdwn") TextObject(errors, items[e], 3000, $"{at}/elements/{e}", plainOnly: false);
                            else if (Str(items[e], "type") != "image") errors.Add($"[ERROR] unsupported type [json-pointer:{at}/elements/{e}]");
                    break;
                case "actions":
                    if (block["elements"] is not JsonArray elements || elements.Count is 0 or > 25)
                        errors.Add($"[ERROR] elements must be 1 to 25 items [json-pointer:{at}/elements]");
                    else
                        for (var e = 0; e < elements.Count; e++) Element(errors, elements[e], $"{at}/elements/{e}", actionIds);
                    break;
                case "input":
                    TextObject(errors, block["label"], 2000, $"{at}/label", plainOnly: true);
                    if (block["hint"] is not null) TextObject(errors, block["hint"], 2000, $"{at}/hint", plainOnly: true);
                    if (block["element"] is not JsonObject input) errors.Add($"[ERROR] missing required field: element [json-pointer:{at}]");
                    else Element(errors, input, $"{at}/element", actionIds);
                    break;
            }
        }
        return errors;
    }

    /// <summary>The rules of a <c>views.open</c> view on top of its blocks.</summary>
    public static List<string> CheckModal(JsonObject view)
    {
        var errors = new List<string>();
        if (Str(view, "type") != "modal") errors.Add("[ERROR] must be modal [json-pointer:/view/type]");
        TextObject(errors, view["title"], 24, "/view/title", plainOnly: true);
        if (view["submit"] is not null) TextObject(errors, view["submit"], 24, "/view/submit", plainOnly: true);
        if (view["close"] is not null) TextObject(errors, view["close"], 24, "/view/close", plainOnly: true);
        if (Str(view, "private_metadata") is { Length: > 3000 }) errors.Add("[ERROR] must be less than 3001 characters [json-pointer:/view/private_metadata]");
        if (Str(view, "callback_id") is { Length: > 255 }) errors.Add("[ERROR] must be less than 256 characters [json-pointer:/view/callback_id]");
        var blocks = view["blocks"];
        if (blocks is JsonArray array && view["submit"] is null && array.Any(b => Str(b, "type") == "input"))
            errors.Add("[ERROR] submit is required when a view has input blocks [json-pointer:/view/submit]");
        errors.AddRange(Check(blocks, Surface.Modal, "/view/blocks"));
        return errors;
    }

    private static void Element(List<string> errors, JsonNode? node, string at, HashSet<string> actionIds)
    {
        if (node is not JsonObject element) { errors.Add($"[ERROR] must be an object [json-pointer:{at}]"); return; }
        if (Str(element, "action_id") is { } actionId)
        {
            Length(errors, actionId, 1, 255, $"{at}/action_id");
            if (!actionIds.Add(actionId)) errors.Add($"[ERROR] action_id must be unique [json-pointer:{at}/action_id]");
        }
        switch (Str(element, "type"))
        {
            case "button":
                TextObject(errors, element["text"], 75, $"{at}/text", plainOnly: true);
                if (Str(element, "value") is { } value) Length(errors, value, 1, 2000, $"{at}/value");
                if (Str(element, "url") is { } url) Length(errors, url, 1, 3000, $"{at}/url");
                if (Str(element, "style") is { } style && style is not ("primary" or "danger"))
                    errors.Add($"[ERROR] must be primary or danger [json-pointer:{at}/style]");
                break;
            case "static_select" or "multi_static_select":
                if (element["placeholder"] is not null) TextObject(errors, element["placeholder"], 150, $"{at}/placeholder", plainOnly: true);
                Options(errors, element["options"], 100, $"{at}/options", plainOnly: true);
                break;
            case "overflow":
                Options(errors, element["options"], 5, $"{at}/options", plainOnly: true);
                break;
            case "checkboxes" or "radio_buttons":
                Options(errors, element["options"], 10, $"{at}/options", plainOnly: false);
                break;
            case "plain_text_input":
                var maxLength = Int(element, "max_length");
                var minLength = Int(element, "min_length");
                if (maxLength is < 1 or > 3000) errors.Add($"[ERROR] must be 1 to 3000 [json-pointer:{at}/max_length]");
                if (minLength is < 0 or > 3000) errors.Add($"[ERROR] must be 0 to 3000 [json-pointer:{at}/min_length]");
                break;
            case "users_select" or "conversations_select" or "channels_select" or "datepicker" or "timepicker":
                break;
            case var other:
                errors.Add($"[ERROR] unsupported type: {other} [json-pointer:{at}/type]");
                break;
        }
    }

    private static void Options(List<string> errors, JsonNode? node, int max, string at, bool plainOnly)
    {
        if (node is not JsonArray options || options.Count == 0 || options.Count > max)
        {
            errors.Add($"[ERROR] must be 1 to {max} items [json-pointer:{at}]");
            return;
        }
        var values = new HashSet<string>();
        for (var i = 0; i < options.Count; i++)
        {
            TextObject(errors, options[i]?["text"], 75, $"{at}/{i}/text", plainOnly);
            var value = Str(options[i], "value");
            if (value is null) errors.Add($"[ERROR] missing required field: value [json-pointer:{at}/{i}]");
            else
            {
                Length(errors, value, 1, 150, $"{at}/{i}/value");
                if (!values.Add(value)) errors.Add($"[ERROR] option values must be unique [json-pointer:{at}/{i}/value]");
            }
        }
    }

    private static void TextObject(List<string> errors, JsonNode? node, int max, string at, bool plainOnly)
    {
        if (node is not JsonObject text) { errors.Add($"[ERROR] must be a text object [json-pointer:{at}]"); return; }
        var type = Str(text, "type");
        if (type is not ("plain_text" or "mrkdwn") || (plainOnly && type != "plain_text"))
            errors.Add($"[ERROR] must be {(plainOnly ? "plain_text" : "plain_text or mrkdwn")} [json-pointer:{at}/type]");
        var value = Str(text, "text");
        if (value is null) errors.Add($"[ERROR] missing required field: text [json-pointer:{at}]");
        else Length(errors, value, 1, max, $"{at}/text");
    }

    private static void Length(List<string> errors, string value, int min, int max, string at)
    {
        if (value.Length < min) errors.Add($"[ERROR] must be at least {min} characters [json-pointer:{at}]");
        if (value.Length > max) errors.Add($"[ERROR] must be less than {max + 1} characters [json-pointer:{at}]");
    }

    private static int? Int(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var number) ? number : null;

    private static string? Str(JsonNode? node, string name) =>
        node is JsonObject obj && obj[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
