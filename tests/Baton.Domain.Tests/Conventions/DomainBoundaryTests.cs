using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Baton.Domain.Tests.Conventions;

/// <summary>
/// The domain does no I/O, checked on what the compiler emitted: every type and member the assembly refers to, read from
/// its metadata. Files, network, processes, the console, environment, randomness and the ambient clock are refused.
/// </summary>
/// <remarks>
/// Referenced assemblies alone cannot hold this line: System.IO and System.Net live in the same framework assemblies as
/// string and List, so a domain calling File.ReadAllText references nothing new.
/// </remarks>
public sealed class DomainBoundaryTests
{
    [Fact]
    public void DomainAssembly_RefersToNoIoNetworkRandomOrAmbientClock()
    {
        using var image = File.OpenRead(typeof(Baton.Domain.Gate.Gate).Assembly.Location);

        Assert.Empty(DomainBoundary.Violations(image));
    }

    [Fact]
    public void Violations_AnAssemblyThatDoesIo_NamesEachForbiddenUse()
    {
        using var image = DoesIo();

        var found = DomainBoundary.Violations(image);

        Assert.Contains("System.IO.File.ReadAllText", found);
        Assert.Contains("System.Net.Http.HttpClient", found);
        Assert.Contains("System.Random", found);
        Assert.Contains("System.DateTime.get_UtcNow", found);
        Assert.Contains("System.Environment.GetEnvironmentVariable", found);
        Assert.DoesNotContain(found, f => f.StartsWith("System.String", StringComparison.Ordinal));
    }

    /// <summary>A small assembly, emitted here, whose one method reads a file, the network, a random number, the clock and the environment.</summary>
    private static MemoryStream DoesIo()
    {
        var assembly = new PersistedAssemblyBuilder(new AssemblyName("DoesIo"), typeof(object).Assembly);
        var type = assembly.DefineDynamicModule("DoesIo").DefineType("DoesIo.Reader", TypeAttributes.Public | TypeAttributes.Class);
        var method = type.DefineMethod("Read", MethodAttributes.Public | MethodAttributes.Static, typeof(string), Type.EmptyTypes);
        var il = method.GetILGenerator();
        il.Emit(OpCodes.Ldstr, "notes.txt");
        il.Emit(OpCodes.Call, typeof(File).GetMethod(nameof(File.ReadAllText), [typeof(string)])!);
        il.Emit(OpCodes.Pop);
        il.Emit(OpCodes.Newobj, typeof(HttpClient).GetConstructor(Type.EmptyTypes)!);
        il.Emit(OpCodes.Pop);
        il.Emit(OpCodes.Newobj, typeof(Random).GetConstructor(Type.EmptyTypes)!);
        il.Emit(OpCodes.Pop);
        il.Emit(OpCodes.Call, typeof(DateTime).GetProperty(nameof(DateTime.UtcNow))!.GetMethod!);
        il.Emit(OpCodes.Pop);
        il.Emit(OpCodes.Ldstr, "HOME");
        il.Emit(OpCodes.Call, typeof(Environment).GetMethod(nameof(Environment.GetEnvironmentVariable), [typeof(string)])!);
        // Something ordinary beside it, which the check must let through.
        il.Emit(OpCodes.Callvirt, typeof(string).GetMethod(nameof(string.Trim), Type.EmptyTypes)!);
        il.Emit(OpCodes.Ret);
        type.CreateType();
        var image = new MemoryStream();
        assembly.Save(image);
        image.Position = 0;
        return image;
    }
}

/// <summary>What an assembly refers to that the domain must not: read from its metadata tables, not by loading it.</summary>
internal static class DomainBoundary
{
    /// <summary>Whole namespaces that are I/O.</summary>
    private static readonly string[] Namespaces =
    [
        "System.IO", "System.Net", "System.Diagnostics.Process", "Microsoft.EntityFrameworkCore", "Microsoft.Data", "Npgsql",
        "Microsoft.AspNetCore", "Microsoft.Extensions.Http",
    ];

    /// <summary>Types that read the world outside: randomness, the environment, the console, threads and timers.</summary>
    /// <remarks>Not AppContext: the regex source generator reads its default match timeout from it.</remarks>
    private static readonly HashSet<string> Types =
    [
        "System.Random", "System.Environment", "System.Console", "System.Threading.Thread", "System.Threading.Timer",
        "System.Diagnostics.Process", "System.Diagnostics.Stopwatch", "System.Security.Cryptography.RandomNumberGenerator",
    ];

    /// <summary>Members of otherwise allowed types: the ambient clock, fresh identifiers, delays.</summary>
    private static readonly HashSet<string> Members =
    [
        "System.DateTime.get_Now", "System.DateTime.get_UtcNow", "System.DateTime.get_Today",
        "System.DateTimeOffset.get_Now", "System.DateTimeOffset.get_UtcNow", "System.TimeProvider.get_System",
        "System.Guid.NewGuid", "System.Guid.CreateVersion7", "System.Threading.Tasks.Task.Delay",
    ];

    // String readers and writers only move text between strings; they touch no file.
    private static readonly HashSet<string> Allowed = ["System.IO.StringReader", "System.IO.StringWriter", "System.IO.TextReader", "System.IO.TextWriter"];

    // What the compiler emits on its own: iterators and async state machines read the managed thread id.
    private static readonly HashSet<string> Emitted = ["System.Environment.get_CurrentManagedThreadId"];

    public static IReadOnlyList<string> Violations(Stream image)
    {
        using var pe = new PEReader(image, PEStreamOptions.LeaveOpen);
        var md = pe.GetMetadataReader();
        var found = new SortedSet<string>(StringComparer.Ordinal);

        // A type the code reaches only through what the compiler emitted is not a use of it.
        var emittedOnly = new HashSet<TypeReferenceHandle>();
        var usedOtherwise = new HashSet<TypeReferenceHandle>();
        foreach (var handle in md.MemberReferences)
        {
            var member = md.GetMemberReference(handle);
            if (member.Parent.Kind != HandleKind.TypeReference) continue;
            var parent = (TypeReferenceHandle)member.Parent;
            if (Emitted.Contains($"{TypeName(md, parent)}.{md.GetString(member.Name)}")) emittedOnly.Add(parent);
            else usedOtherwise.Add(parent);
        }
        emittedOnly.ExceptWith(usedOtherwise);

        foreach (var handle in md.TypeReferences)
        {
            if (emittedOnly.Contains(handle)) continue;
            var name = TypeName(md, handle);
            if (IsForbiddenType(name)) found.Add(name);
        }
        foreach (var handle in md.MemberReferences)
        {
            var member = md.GetMemberReference(handle);
            if (member.Parent.Kind != HandleKind.TypeReference) continue;
            var type = TypeName(md, (TypeReferenceHandle)member.Parent);
            var full = $"{type}.{md.GetString(member.Name)}";
            if (Emitted.Contains(full)) continue;
            if (Members.Contains(full) || (IsForbiddenType(type) && member.Name is var n && md.GetString(n) != ".ctor")) found.Add(full);
        }
        return [.. found];
    }

    private static bool IsForbiddenType(string name) =>
        !Allowed.Contains(name)
        && (Types.Contains(name) || Namespaces.Any(ns => name.StartsWith(ns + ".", StringComparison.Ordinal)));

    private static string TypeName(MetadataReader md, TypeReferenceHandle handle)
    {
        var type = md.GetTypeReference(handle);
        var name = md.GetString(type.Name);
        // A nested type is named by its enclosing type.
        if (type.ResolutionScope.Kind == HandleKind.TypeReference) return $"{TypeName(md, (TypeReferenceHandle)type.ResolutionScope)}+{name}";
        var ns = md.GetString(type.Namespace);
        return ns.Length == 0 ? name : $"{ns}.{name}";
    }
}
