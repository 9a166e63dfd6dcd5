using System.Globalization;
using System.Text.RegularExpressions;
using Baton.Domain.Fields;
using Baton.Domain.Quality;

namespace Baton.Domain.Transcripts;

/// <summary>A proposed value for one field, the sentences it was drawn from, and what the quality rules say of it.</summary>
public sealed record FieldSuggestion(string FieldKey, string Value, double Confidence, IReadOnlyList<TranscriptSentence> Sources, Verdict Verdict);

/// <summary>Proposes handoff values from a call transcript by cue phrases and patterns: deterministic, offline.</summary>
/// <remarks>Precision first: a sentence that negates or refuses is never a source, and a value the gate would call
/// filler or vague is not proposed.</remarks>
public static partial class TranscriptSuggester
{
    private const double Threshold = 0.5;

    private enum Side { Any, Customer, Seller }

    private sealed record Rule(string Key, Side Prefer, Regex Cue, Func<string, double>? Extra = null);

    private static readonly RegexOptions O = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    private const string Products = @"okta|azure ad|entra|active directory|salesforce|hubspot|snowflake|sap|zendesk|jira|slack|aws|gcp|google workspace|microsoft teams|teams|servicenow|workday|netsuite|databricks|bigquery|redshift|tableau|power bi|looker|confluence|intercom|freshdesk|marketo|dynamics|oracle|postgres|mysql|sharepoint|auth0|ping|onelogin";
    private const string Vendors = @"gong|clari|chorus|outreach|salesloft|gainsight|totango|churnzero|vitally|planhat|zendesk|freshdesk|intercom|hubspot|salesforce|pipedrive|monday|asana|clickup|notion|tableau|looker";

    private static readonly Rule[] Rules =
    [
        new("why_now", Side.Customer, new(@"\b(because|deadline|by (q[1-4]|end of|the end)|after the audit|renewal is up|contract (ends|expires|runs out)|board|mandate|before the|this quarter|weil|bis (ende|q[1-4])|frist|porque|antes de|plazo|parce que|avant (la|le|fin)|échéance)\b", O)),
        new("success_metric", Side.Customer, new(@"\b(success|measure|judge|goal|target|kpi|metric|cut|reduce|increase|improve|get .* (down|up) to|erfolg|ziel|reduzieren|éxito|objetivo|reducir|succès|objectif|réduire)\b", O), MetricBoost),
        new("decision_criteria", Side.Customer, new(@"\b(criteria|must[- ]have|deal[- ]?breaker|requirement|we (score|scored|evaluate|evaluated) vendors|what matters most|kriterien|criterios|critères)\b", O)),
        new("tech_environment", Side.Any, new(@"\b(we (use|run|are on|have)|our (stack|sso|idp|crm|warehouse)|wir (nutzen|verwenden)|usamos|utilisons|nous utilisons)\b", O), s => ProductRx().IsMatch(s) ? 0.4 : -1),
        new("tools_replaced", Side.Customer, new(@"\b(replac(e|ing)|switch(ing)? off|move away from|moving off|get rid of|sunset|retire|ablösen|ersetzen|reemplazar|remplacer)\b", O)),
        new("competitors", Side.Any, new(@"\b(also (looking at|evaluating|talking to)|evaluat(ing|ed)|shortlist|compared? (you )?(with|to)|other vendors?|competitor|wettbewerber|vergleichen|competidor|también (evaluamos|miramos)|concurrent|on regarde aussi)\b", O), s => VendorRx().IsMatch(s) ? 0.3 : 0),
        new("why_we_won", Side.Customer, new(@"\b(why we (picked|chose|went with) you|(we )?(picked|chose|went with) (you|baton)|the reason we (chose|picked)|you (won|were the only)|what tipped|deshalb haben wir|por eso (los|las) elegimos|nous vous avons choisi)\b", O)),
        new("promised", Side.Seller, new(@"\b(we will|we'll (include|give|set up|provide|add)|i'll make sure|we can commit|we commit|at no extra cost|free of charge|included at no|i promise|wir werden|ich sorge dafür|kostenlos|nos comprometemos|sin costo|nous (allons|nous engageons)|sans frais)\b", O)),
        new("nonstandard_terms", Side.Any, new(@"\b(net[- ]?\d{2}|payment terms|sla|uptime|termination for convenience|cap(ped)? (at|on)|price lock|service credits|liability|zahlungsziel|kündigung|términos de pago|conditions de paiement)\b", O)),
        new("risks", Side.Customer, new(@"\b(concern(ed)?|worried|worry|blocker|risk|pushback|push back|not convinced|skeptical|sceptical|oppos(e|ed|ition)|bedenken|sorge|risiko|preocupa(do|ción)?|riesgo|inquiet|risque|pas convaincu)\b", O)),
        new("decision_timeline", Side.Any, new(@"\b(sign(ed)? (by|on|before)|security review|legal review|procurement|decision (by|on)|go[- ]live|kick[- ]?off|unterschreiben bis|firmar antes|signer avant)\b", O), s => DateRx().IsMatch(s) ? 0.3 : -1),
    ];

    /// <summary>Proposes at most one value per field of the manifest that the transcript speaks to.</summary>
    /// <param name="sellerSpeakers">Names of the AE and colleagues on the call; null guesses nobody (all sentences count as either side).</param>
    public static IReadOnlyList<FieldSuggestion> Suggest(Transcript transcript, FieldManifest manifest, IReadOnlyCollection<string>? sellerSpeakers = null, IFieldValues? deal = null)
    {
        var values = deal ?? new FieldValues([]);
        var result = new List<FieldSuggestion>();
        foreach (var rule in Rules)
        {
            if (manifest.Find(rule.Key) is not { } field) continue;
            var scored = transcript.Sentences
                .Where(s => !IsNegated(s.Text))
                .Select(s => (s, score: Score(rule, s, sellerSpeakers)))
                .Where(x => x.score >= Threshold)
                .OrderByDescending(x => x.score).ThenBy(x => x.s.Index)
                .Take(field.Type == FieldType.Text ? 1 : 3)
                .OrderBy(x => x.s.Index)
                .ToList();
            if (scored.Count == 0) continue;
            var value = string.Join(" ", scored.Select(x => x.s.Text));
            if (field.Type == FieldType.Text && value.Length > 200) value = value[..200].TrimEnd();
            var verdict = FieldQuality.Check(field, value, values, manifest);
            if (verdict.Kind is VerdictKind.Filler or VerdictKind.Missing or VerdictKind.Invalid) continue;
            if (verdict.Kind == VerdictKind.Vague && scored.Max(x => x.score) < 0.9) continue;
            result.Add(new FieldSuggestion(rule.Key, value, Math.Min(1, scored.Max(x => x.score)), scored.Select(x => x.s).ToList(), verdict));
        }
        if (manifest.Find("seats") is { } seats && Seats(transcript) is { } seat)
        {
            var v = FieldQuality.Check(seats, seat.value, values, manifest);
            if (v.IsOk) result.Add(new FieldSuggestion("seats", seat.value, 0.7, [seat.source], v));
        }
        foreach (var (key, cue) in new[] { ("executive_sponsor", SponsorRx()), ("champion", ChampionRx()) })
        {
            if (manifest.Find(key) is null) continue;
            var hit = transcript.Sentences.Where(s => !IsNegated(s.Text)).Select(s => (s, m: cue.Match(s.Text))).FirstOrDefault(x => x.m.Success);
            if (hit.s is null) continue;
            var name = hit.m.Groups["n"].Value.Trim();
            result.Add(new FieldSuggestion(key, name, 0.6, [hit.s], new Verdict(VerdictKind.Vague, RuleIds.Email, "a name only: add the e-mail address")));
        }
        return result;
    }

    private static double Score(Rule rule, TranscriptSentence s, IReadOnlyCollection<string>? sellers)
    {
        if (s.Text.Length < 15 || s.Text.EndsWith('?')) return 0;
        if (!rule.Cue.IsMatch(s.Text)) return 0;
        var score = 0.6;
        if (rule.Extra is { } extra)
        {
            var e = extra(s.Text);
            if (e < 0) return 0;
            score += e;
        }
        if (sellers is { Count: > 0 } && s.Speaker is { } sp && rule.Prefer != Side.Any)
        {
            var isSeller = sellers.Any(n => sp.Contains(n, StringComparison.OrdinalIgnoreCase));
            score += (rule.Prefer == Side.Seller) == isSeller ? 0.15 : -0.3;
        }
        if (s.Text.Length > 300) score -= 0.2;
        return score;
    }

    private static double MetricBoost(string s)
    {
        var number = NumberRx().IsMatch(s);
        var time = TimeframeRx().IsMatch(s);
        return number && time ? 0.4 : -1;
    }

    /// <summary>A sentence that denies or refuses ("we are not using X", "we can't commit to that") is no source.</summary>
    internal static bool IsNegated(string s) => NegationRx().IsMatch(s);

    private static (string value, TranscriptSentence source)? Seats(Transcript t)
    {
        foreach (var s in t.Sentences)
        {
            if (IsNegated(s.Text) || s.Text.EndsWith('?')) continue;
            var m = SeatsRx().Match(s.Text);
            if (m.Success && int.TryParse(m.Groups["n"].Value.Replace(",", ""), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and < 1_000_000)
                return (n.ToString(CultureInfo.InvariantCulture), s);
        }
        return null;
    }

    [GeneratedRegex(@"\b(not|n't|never|no longer|nicht|kein|keine|nunca|ne .* pas|n'.* pas|pas de)\b|\bno,|^no\b|\bno (es|usamos)\b|doesn't work for us|won't work", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NegationRx();

    [GeneratedRegex(@"\b(" + Products + @")\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ProductRx();

    [GeneratedRegex(@"\b(" + Vendors + @")\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VendorRx();

    [GeneratedRegex(@"\d[\d,.]*\s*(%|percent|prozent|por ciento|pour cent|days?|hours?|minutes?|tickets?|k\b)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumberRx();

    [GeneratedRegex(@"\b(within|by|in (the first )?\d+|per (month|quarter|year)|q[1-4]|end of (the )?(year|quarter)|months?|weeks?|days|innerhalb|bis|dentro de|en \d+|d'ici|avant)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TimeframeRx();

    [GeneratedRegex(@"\b(\d{1,2}(st|nd|rd|th)? (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{1,2}|q[1-4]|end of (the )?(month|quarter)|next (week|month)|monday|tuesday|wednesday|thursday|friday|\d{4}-\d{2}-\d{2})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DateRx();

    [GeneratedRegex(@"(?<n>\d{1,3}(,\d{3})*|\d+)\s+(users|seats|licen[cs]es|people|agents|reps|nutzer|lizenzen|usuarios|licencias|utilisateurs|licences)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SeatsRx();

    [GeneratedRegex(@"(?<n>\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+)[^.]{0,40}\b(signs|sign off|signs off|economic buyer|budget owner|exec(utive)? sponsor)\b|\b(exec(utive)? sponsor|economic buyer|budget owner) (is|will be) (?<n>\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+)", RegexOptions.CultureInvariant)]
    private static partial Regex SponsorRx();

    [GeneratedRegex(@"(?<n>\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+)[^.]{0,40}\b(will (run|lead|own) the (rollout|roll-out|implementation|project))\b|\b(champion|point of contact|project lead) (is|will be) (?<n>\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+)", RegexOptions.CultureInvariant)]
    private static partial Regex ChampionRx();
}
