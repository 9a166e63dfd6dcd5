namespace Baton.Core.Templates;

/// <summary>A template file that could not be parsed or rendered, located by file and, when known, line.</summary>
public sealed class TemplateException : Exception
{
    public TemplateException(string file, int line, string message) : base($"{file}:{line}: {message}") => (File, Line) = (file, line);

    /// <summary>An error found while rendering, where the engine does not say which line.</summary>
    public TemplateException(string file, string message, Exception inner) : base($"{file}: {message}", inner) => File = file;

    public string File { get; }

    /// <summary>1-based; 0 when the error was raised while rendering and has no line.</summary>
    public int Line { get; }
}

/// <summary>An object that prints as <see cref="Text"/> and exposes members, e.g. a contact field's name and e-mail.</summary>
public sealed record TemplateObject(string Text, IReadOnlyDictionary<string, object?> Members)
{
    public override string ToString() => Text;
}
