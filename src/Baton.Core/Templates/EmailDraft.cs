namespace Baton.Core.Templates;

/// <summary>A rendered e-mail template split into its subject and plain-text body.</summary>
/// <remarks>
/// The file format: the first line is <c>Subject: …</c>, the second is blank, the rest is the body.
/// No front matter, so the file reads like the e-mail it produces.
/// </remarks>
public sealed record EmailDraft(string Subject, string Body)
{
    /// <exception cref="TemplateException">The text does not start with a subject line and a blank line.</exception>
    public static EmailDraft Parse(RenderedTemplate rendered)
    {
        var text = rendered.Text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var firstBreak = text.IndexOf('\n');
        var first = firstBreak < 0 ? text : text[..firstBreak];
        if (!first.StartsWith("Subject:", StringComparison.Ordinal))
            throw new TemplateException(rendered.Name, 1, "an e-mail template starts with 'Subject: …'");
        var subject = first["Subject:".Length..].Trim();
        if (subject.Length == 0) throw new TemplateException(rendered.Name, 1, "the subject renders empty");
        var rest = firstBreak < 0 ? "" : text[(firstBreak + 1)..];
        if (rest.Length > 0 && !rest.StartsWith('\n'))
            throw new TemplateException(rendered.Name, 2, "leave a blank line between the subject and the body");
        return new EmailDraft(subject, rest.TrimStart('\n').TrimEnd() + "\n");
    }
}
