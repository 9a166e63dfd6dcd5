namespace Baton.Core.Integrations.Slack;

/// <summary>Block Kit's size limits and the two text operations every builder needs: escape and fit.</summary>
/// <remarks>Slack refuses a whole message (<c>invalid_blocks</c>) for one field too long, so builders fit text, never fail.</remarks>
internal static class BlockKitText
{
    public const int MaxBlocksInMessage = 50;
    public const int MaxBlocksInModal = 100;
    public const int MaxSectionText = 3000;
    public const int MaxSectionFields = 10;
    public const int MaxFieldText = 2000;
    public const int MaxHeaderText = 150;
    public const int MaxContextElements = 10;
    public const int MaxActionsElements = 25;
    public const int MaxButtonText = 75;
    public const int MaxOptionText = 75;
    public const int MaxOptionValue = 150;
    public const int MaxPlaceholder = 150;
    public const int MaxCheckboxOptions = 10;
    public const int MaxSelectOptions = 100;
    public const int MaxModalTitle = 24;
    public const int MaxInputLabel = 2000;
    public const int MaxTextInput = 3000;
    public const int MaxBlockId = 255;
    public const int MaxPrivateMetadata = 3000;

    private const string Ellipsis = "…";

    /// <summary>Escapes the three characters mrkdwn treats as control characters.</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>Text that fits <paramref name="max"/> characters, ending in an ellipsis when cut.</summary>
    /// <remarks>Never cuts a surrogate pair, a <c>&lt;…&gt;</c> link or mention, or an <c>&amp;…;</c> entity in half.</remarks>
    public static string Fit(string text, int max)
    {
        if (text.Length <= max) return text;
        var cut = max - Ellipsis.Length;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1])) cut--;

        var open = text.LastIndexOf('<', cut - 1);
        if (open >= 0 && text.IndexOf('>', open) is var close && (close < 0 || close >= cut)) cut = open;
        var amp = text.LastIndexOf('&', cut - 1);
        if (amp >= 0 && cut - amp <= 8 && text.IndexOf(';', amp) is var semi && (semi < 0 || semi >= cut)) cut = amp;

        return text[..cut].TrimEnd() + Ellipsis;
    }

    /// <summary>Like <see cref="Fit(string,int)"/>, but when the text is cut, <paramref name="tail"/> follows the ellipsis (e.g. a link to the full text).</summary>
    public static string Fit(string text, int max, string tail) =>
        text.Length <= max ? text : Fit(text, max - tail.Length) + tail;

    /// <summary>Block Kit refuses empty text objects.</summary>
    public static string OrDash(string? text) => string.IsNullOrWhiteSpace(text) ? "—" : text;
}
