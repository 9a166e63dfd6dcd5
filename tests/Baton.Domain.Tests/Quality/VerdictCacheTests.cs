using Baton.Domain.Fields;
using Baton.Domain.Quality;

namespace Baton.Domain.Tests.Quality;

/// <summary>The cache may make the audit faster, never change a verdict: corpus values judged cold, warm and uncached agree.</summary>
public sealed class VerdictCacheTests
{
    private static readonly FieldManifest Manifest = DefaultManifest.Value;

    [Fact]
    public void Check_CorpusWithCache_SameVerdictsOnMissAndHit()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Quality", "Corpus", "quality-corpus.csv");
        var rows = Csv.Read(File.ReadAllText(path)).Skip(1).ToList();
        var empty = new FieldValues(new string?[Manifest.Fields.Count]);
        var cache = new VerdictCache();
        for (var pass = 0; pass < 2; pass++)
            foreach (var r in rows)
            {
                var field = DefaultManifest.Field(r[0]);
                Assert.Equal(FieldQuality.Check(field, r[1], empty, Manifest), FieldQuality.Check(field, r[1], empty, Manifest, cache));
            }
        Assert.True(cache.Hits > 0);
    }

    [Fact]
    public void Check_CachedValueCopiedInAnotherDeal_StillCopied()
    {
        var why = DefaultManifest.Field("why_now");
        var text = "Board mandated a faster close before the Series C audit";
        var values = new string?[Manifest.Fields.Count];
        var cache = new VerdictCache();
        Assert.True(FieldQuality.Check(why, text, new FieldValues(values), Manifest, cache).IsOk);

        values[DefaultManifest.Field("why_we_won").Ordinal] = text;
        var copied = FieldQuality.Check(why, text, new FieldValues(values), Manifest, cache);
        Assert.Equal(RuleIds.CopiedField, copied.Rule);
        Assert.Equal(FieldQuality.Check(why, text, new FieldValues(values), Manifest), copied);
    }

    [Fact]
    public void Check_SameTextInTwoFields_CachedPerField()
    {
        var cache = new VerdictCache();
        var empty = new FieldValues(new string?[Manifest.Fields.Count]);
        var promised = FieldQuality.Check(DefaultManifest.Field("promised"), "None", empty, Manifest, cache);
        var risks = FieldQuality.Check(DefaultManifest.Field("risks"), "None", empty, Manifest, cache);
        Assert.True(promised.IsOk);
        Assert.False(risks.IsOk);
    }
}
