using System.Globalization;
using System.Text;

namespace Baton.Bench.Generate;

/// <summary>
/// The phrase banks expanded once per run (templates filled with seeded numbers, lists combined),
/// so writing a row is only picking array entries.
/// </summary>
internal sealed class PhraseBanks
{
    public string[] SuccessMetrics { get; }
    public string[] WhyNow { get; }
    public string[] DecisionCriteria { get; }
    public string[] TechEnvironments { get; }
    public string[] ToolsReplaced { get; }
    public string[] Competitors { get; }
    public string[] Promised { get; }
    public string[] Terms { get; }
    public string[] Risks { get; }
    public string[] Products { get; }

    public PhraseBanks(Random rng, IReadOnlyList<string> productChoices)
    {
        SuccessMetrics = ExpandAll(rng, Phrases.SuccessMetricTemplates, 24);
        WhyNow = ExpandAll(rng, Phrases.WhyNow, 6);
        DecisionCriteria = ExpandAll(rng, Phrases.DecisionCriteria, 3);
        ToolsReplaced = ExpandAll(rng, Phrases.ToolsReplaced, 3);
        Risks = ExpandAll(rng, Phrases.Risks, 4);
        TechEnvironments = BuildTech(rng, 400);
        Competitors = BuildCompetitors(rng, 120);
        Promised = BuildPromised(rng, 400);
        Terms = BuildTerms(rng, 120);
        Products = BuildProducts(rng, productChoices, 64);
    }

    /// <summary>Fills {a}/{b}, {x}/{y}, {s}/{t} (ordered pairs), {d}, {p}, {n}, {h}, {m}, {q}.</summary>
    public static string Expand(Random rng, string template)
    {
        if (!template.Contains('{', StringComparison.Ordinal))
            return template;
        var a = rng.Next(4, 60) * 50;
        var b = a / rng.Next(3, 6) / 10 * 10 + 10;
        var x = rng.Next(5, 15);
        var y = Math.Max(1, x - rng.Next(2, 5));
        var s = rng.Next(10, 45);
        var t = s + rng.Next(10, 40);
        int[] days = [30, 45, 60, 90, 90, 120, 180];
        int[] hours = [1, 2, 4, 4, 8, 24];
        var sb = new StringBuilder(template);
        sb.Replace("{a}", a.ToString("N0", CultureInfo.InvariantCulture));
        sb.Replace("{b}", b.ToString(CultureInfo.InvariantCulture));
        sb.Replace("{x}", x.ToString(CultureInfo.InvariantCulture));
        sb.Replace("{y}", y.ToString(CultureInfo.InvariantCulture));
        sb.Replace("{s}", s.ToString(CultureInfo.InvariantCulture));
        sb.Replace("{t}", t.ToString(CultureInfo.InvariantCulture));
        sb.Replace("{d}", days[rng.Next(days.Length)].ToString(CultureInfo.InvariantCulture));
        sb.Replace("{h}", hours[rng.Next(hours.Length)].ToString(CultureInfo.InvariantCulture));
        sb.Replace("{p}", (rng.Next(2, 9) * 5).ToString(CultureInfo.InvariantCulture));
        sb.Replace("{f}", rng.Next(2, 11).ToString(CultureInfo.InvariantCulture));
        sb.Replace("{P}", (rng.Next(12, 20) * 5).ToString(CultureInfo.InvariantCulture));
        sb.Replace("{w}", rng.Next(2, 9).ToString(CultureInfo.InvariantCulture));
        sb.Replace("{n}", rng.Next(3, 240).ToString(CultureInfo.InvariantCulture));
        sb.Replace("{q}", rng.Next(1, 5).ToString(CultureInfo.InvariantCulture));
        sb.Replace("{m}", Phrases.Months[rng.Next(12)]);
        return sb.ToString();
    }

    private static string[] ExpandAll(Random rng, string[] templates, int variantsEach)
    {
        var list = new List<string>(templates.Length * variantsEach);
        foreach (var t in templates)
        {
            var n = t.Contains('{', StringComparison.Ordinal) ? variantsEach : 1;
            for (var i = 0; i < n; i++)
                list.Add(Expand(rng, t));
        }
        return [.. list];
    }

    private static string[] BuildTech(Random rng, int count)
    {
        var result = new string[count];
        for (var i = 0; i < count; i++)
        {
            string[] parts =
            [
                Phrases.Identity[rng.Next(Phrases.Identity.Length)],
                Phrases.Warehouse[rng.Next(Phrases.Warehouse.Length)],
                Phrases.Crm[rng.Next(Phrases.Crm.Length)],
                Phrases.Ticketing[rng.Next(Phrases.Ticketing.Length)],
            ];
            var take = rng.Next(1, 4);
            var text = string.Join(", ", parts, 0, take);
            var roll = rng.Next(10);
            if (roll < 1)
                text += "\n" + Phrases.TechExtra[rng.Next(Phrases.TechExtra.Length)];
            else if (roll < 2)
                text += ", " + Phrases.TechExtra[rng.Next(Phrases.TechExtra.Length)];
            result[i] = text;
        }
        return result;
    }

    private static string[] BuildCompetitors(Random rng, int count)
    {
        var result = new string[count];
        for (var i = 0; i < count; i++)
        {
            var first = rng.Next(Phrases.Competitors.Length);
            var n = rng.Next(1, 4);
            var picks = new List<string>(n);
            for (var k = 0; k < n; k++)
            {
                var c = Phrases.Competitors[(first + k * 3) % Phrases.Competitors.Length];
                if (!picks.Contains(c))
                    picks.Add(c);
            }
            result[i] = string.Join(", ", picks);
        }
        return result;
    }

    private static string[] BuildPromised(Random rng, int count)
    {
        var result = new string[count];
        for (var i = 0; i < count; i++)
        {
            var roll = rng.Next(100);
            if (roll < 50)
            {
                result[i] = Phrases.NothingPromised[rng.Next(Phrases.NothingPromised.Length)];
            }
            else if (roll < 84)
            {
                result[i] = Expand(rng, Phrases.Promises[rng.Next(Phrases.Promises.Length)]) + ".";
            }
            else if (roll < 93)
            {
                var p1 = rng.Next(Phrases.Promises.Length);
                var p2 = (p1 + rng.Next(1, Phrases.Promises.Length)) % Phrases.Promises.Length;
                result[i] = Expand(rng, Phrases.Promises[p1]) + "; " + Expand(rng, Phrases.Promises[p2]) + ".";
            }
            else
            {
                var n = rng.Next(2, 4);
                var start = rng.Next(Phrases.Promises.Length);
                var sb = new StringBuilder();
                for (var k = 0; k < n; k++)
                {
                    if (k > 0)
                        sb.Append('\n');
                    sb.Append("- ").Append(Expand(rng, Phrases.Promises[(start + k * 5) % Phrases.Promises.Length]));
                }
                result[i] = sb.ToString();
            }
        }
        return result;
    }

    private static string[] BuildTerms(Random rng, int count)
    {
        var result = new string[count];
        for (var i = 0; i < count; i++)
        {
            var roll = rng.Next(100);
            var t1 = Phrases.Terms[rng.Next(Phrases.Terms.Length)];
            result[i] = roll switch
            {
                < 45 => Phrases.TermsNone[rng.Next(Phrases.TermsNone.Length)],
                < 85 => t1 + ".",
                _ => t1 + ";\n" + Phrases.Terms[rng.Next(Phrases.Terms.Length)] + ".",
            };
        }
        return result;
    }

    private static string[] BuildProducts(Random rng, IReadOnlyList<string> choices, int count)
    {
        if (choices.Count == 0)
            return ["Core"];
        var result = new string[count];
        for (var i = 0; i < count; i++)
        {
            var picked = new List<string> { choices[0] };
            for (var k = 1; k < choices.Count; k++)
            {
                if (rng.Next(100) < 30 - k * 3)
                    picked.Add(choices[k]);
            }
            result[i] = string.Join(';', picked);
        }
        return result;
    }
}
