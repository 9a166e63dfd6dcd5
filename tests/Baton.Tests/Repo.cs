namespace Baton.Tests;

/// <summary>Paths in the repository and scratch directories that clean up after themselves.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string DefaultPlaybook => Path.Combine(Root, "playbooks", "default");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Baton.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Baton.slnx not found above the test output directory");
    }
}

internal sealed class ScratchDir : IDisposable
{
    public ScratchDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "baton-tests", Guid.NewGuid().ToString("N"));

    public string File(string name, string content)
    {
        var path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public string Bytes(string name, byte[] content)
    {
        var path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>A copy of the shipped playbook to break on purpose.</summary>
    public string CopyOfDefaultPlaybook()
    {
        var target = System.IO.Path.Combine(Path, "playbook");
        foreach (var file in Directory.EnumerateFiles(Repo.DefaultPlaybook, "*", SearchOption.AllDirectories))
        {
            var to = System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(Repo.DefaultPlaybook, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(to)!);
            System.IO.File.Copy(file, to);
        }
        return target;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
