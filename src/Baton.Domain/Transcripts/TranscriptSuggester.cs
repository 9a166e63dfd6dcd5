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

    private const string Products = @"okta|azure ad|entra|active directory|salesforce|hubspot|snowflake|sap|zendesk|jira|slack|aws|gcp|google workspace|microsoft teams|teams|servicenow|workday|netsuite|databricks|bigquery|redshift|tableau|power bi|looker|confluence|intercom|freshdesk|marketo|dynamics|oracle|postgres|mysql|sharepoint|auth0|ping|onelogin|github|gitlab|bitbucket|epic|cerner|kronos|ukg|adp|quickbooks|xero|sage|bamboohr|gusto|shopify|magento|prestashop|stripe|twilio|zoom|gmail|outlook|excel|office 365|microsoft 365|kubernetes|eks|aks|gke|azure|splunk|datadog|pagerduty|okta|mulesoft|zapier|segment|mixpanel|amplitude|figma|miro";
    private const string Vendors = @"gong|clari|chorus|outreach|salesloft|gainsight|totango|churnzero|vitally|planhat|zendesk|freshdesk|intercom|hubspot|salesforce|pipedrive|monday|asana|clickup|notion|tableau|looker";

    private static readonly Rule[] Rules =
    [
        new("why_now", Side.Customer, new(@"\b(because|deadline|after the audit|renewal is up|contract (ends|expires|runs out)|board (mandated|wants|asked)|investors want|mandate|the reason we're|why now|we have to (move|migrate|switch)|weil|frist|porque|plazo|parce que|on doit migrer|échéance)\b", O)),
        new("success_metric", Side.Customer, new(@"\b(success|measure|judge|goal|target|kpi|metric|cut|reduce|increase|improve|get .* (down|up) to|erfolg|ziel|reduzieren|éxito|objetivo|reducir|succès|objectif|réduire)\b", O), MetricBoost),
        new("decision_criteria", Side.Customer, new(@"\b(criteria|must[- ]have|deal[- ]?breaker|requirement|we (score|scored|evaluate|evaluated) vendors|what matters most|kriterien|criterios|critères)\b", O)),
        new("tech_environment", Side.Customer, new(@"\b(we (use|run|are on|have|live in)|we're (on|in|all|mostly|heavy on)|(we|they) do it in|everything's|our (stack|sso|idp|crm|erp|gl|hris|ehr|warehouse|data)|for (sso|sign-on|single sign-on|the (gl|erp|crm|ehr|hris))|(is|are) (on|in) \p{Lu}|integration|sync|stays|wir (nutzen|verwenden|arbeiten mit)|usamos|tenemos|trabajamos con|utilisons|nous utilisons|on (utilise|est sur)|pour (le site|les sms|la paie))\b", O), s => ProductRx().IsMatch(s) ? 0.4 : ProperNounRx().IsMatch(s) ? 0.2 : -1),
        new("tools_replaced", Side.Customer, new(@"\b(replac(e|ing)|switch(ing)? off|move away from|moving off|get rid of|sunset|retire|ablösen|ersetzen|reemplazar|remplacer)\b", O)),
        new("competitors", Side.Any, new(@"\b(also (looking at|evaluating|talking to)|evaluat(ing|ed)|shortlist|compared? (you )?(with|to)|other vendors?|competitor|wettbewerber|vergleichen|competidor|también (evaluamos|miramos)|concurrent|on regarde aussi)\b", O), s => VendorRx().IsMatch(s) ? 0.3 : 0),
        new("why_we_won", Side.Customer, new(@"\b(why we (picked|chose|went with) you|(we )?(picked|chose|went with) (you|baton)|the reason we (chose|picked)|you (won|were the only)|what tipped|(that's|that is) why (we're|we are) going with|tipped it|the (deciding|main) (factor|reason)|(liked|loved) your|los elegimos|lo que nos convenció|vous avez été les seuls|überzeugt hat uns|deshalb haben wir|por eso (los|las) elegimos|nous vous avons choisi)\b", O)),
        new("promised", Side.Seller, new(@"\b(we will|we'll (include|give|set up|provide|add|do|throw in|waive|migrate)|i'll (make sure|get you|send|have|throw in|include|set up)|at no (charge|cost)|no charge|on[- ]site for|i can (give|offer|do)|we can commit|we commit|at no extra cost|free of charge|included at no|i promise|wir werden|ich sorge dafür|kostenlos|nos comprometemos|sin costo|sin cargo|offert(e|es|s)?|nous (allons|nous engageons)|sans frais)\b", O)),
        new("nonstandard_terms", Side.Any, new(@"\b(net[- ]?\d{2}|payment terms|sla|uptime|termination for convenience|cap(ped)? (at|on)|price lock|service credits|liability|zahlungsziel|kündigung|términos de pago|conditions de paiement)\b", O)),
        new("risks", Side.Customer, new(@"\b(concern(ed)?|worried|worry|blocker|risk|pushback|push back|not convinced|skeptical|sceptical|oppos(e|ed|ition)|bedenken|sorge|risiko|preocupa(do|ción)?|riesgo|inquiet|risque|pas convaincu)\b", O)),
        new("decision_timeline", Side.Any, new(@"\b(sign(ed)? (by|on|before)|i('ll)? sign|sign (it|this) |answer by|go live in|yo firmo|firmo|je signe|ich unterschreibe|unterschrift bis|mise en ligne|start im|security review|legal review|procurement|decision (by|on)|go[- ]live|kick[- ]?off|unterschreiben bis|firmar antes|signer avant)\b", O), s => DateRx().IsMatch(s) ? 0.3 : -1),
    ];

    /// <summary>Proposes at most one value per field of the manifest that the transcript speaks to.</summary>
    /// <param name="sellerSpeakers">Names of the AE and colleagues on the call; null guesses nobody (all sentences count as either side).</param>
    public static IReadOnlyList<FieldSuggestion> Suggest(Transcript transcript, FieldManifest manifest, IReadOnlyCollection<string>? sellerSpeakers = null, IFieldValues? deal = null)
    {
        var values = deal ?? new FieldValues([]);
        var side = sellerSpeakers is { Count: > 0 } ? sellerSpeakers : GuessSellers(transcript);
        var result = new List<FieldSuggestion>();
        foreach (var rule in Rules)
        {
            if (manifest.Find(rule.Key) is not { } field) continue;
            var scored = transcript.Sentences
                .Where(s => !IsNegated(s.Text))
                .Select(s => (s, score: Score(rule, s, side)))
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
        var sellers = sellerSpeakers is { Count: > 0 } ? sellerSpeakers : GuessSellers(transcript);
        if (manifest.Find("executive_sponsor") is not null && transcript.Sentences
                .FirstOrDefault(s => s.Speaker is { } sp && !IsSeller(sp, sellers) && !IsNegated(s.Text) && !s.Text.EndsWith('?') && SignerRx().IsMatch(s.Text)) is { Speaker: { } signer } signs)
            result.Add(new FieldSuggestion("executive_sponsor", signer, 0.6, [signs], new Verdict(VerdictKind.Vague, RuleIds.Email, "a name only: add the e-mail address")));
        foreach (var (key, cue) in new[] { ("executive_sponsor", SponsorRx()), ("champion", ChampionRx()) })
        {
            if (manifest.Find(key) is null || result.Any(r => r.FieldKey == key)) continue;
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
            var isSeller = IsSeller(sp, sellers);
            score += (rule.Prefer == Side.Seller) == isSeller ? 0.15 : -0.3;
        }
        if (s.Text.Length > 300) score -= 0.2;
        return score;
    }

    private static bool IsSeller(string speaker, IReadOnlyCollection<string> sellers) =>
        sellers.Any(n => speaker.Contains(n, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// When nobody says who sold, the seller is the one who asks: the speaker with clearly the most questions, since
    /// the AE runs the call. No guess when two speakers ask about as much.
    /// </summary>
    internal static IReadOnlyCollection<string> GuessSellers(Transcript t)
    {
        var asks = t.Sentences.Where(s => s.Speaker is not null && s.Text.EndsWith('?'))
            .GroupBy(s => s.Speaker!).Select(g => (speaker: g.Key, n: g.Count())).OrderByDescending(x => x.n).ToList();
        if (asks.Count == 0 || asks[0].n < 3) return [];
        if (asks.Count > 1 && asks[1].n * 3 > asks[0].n * 2) return [];
        return [asks[0].speaker];
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

    [GeneratedRegex(@"\b(i sign|i'll sign|i will sign|i can sign|yo firmo|firmo (el|esta|hoy|mañana)|je signe|ich unterschreibe)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SignerRx();

    /// <summary>A capitalised word after the first, the shape of a product's name.</summary>
    [GeneratedRegex(@"(?<=\S\s+)\p{Lu}[\p{L}\d.]+", RegexOptions.CultureInvariant)]
    private static partial Regex ProperNounRx();

    [GeneratedRegex(@"\b(" + Products + @")\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ProductRx();

    [GeneratedRegex(@"\b(" + Vendors + @")\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VendorRx();

    [GeneratedRegex(@"\d[\d,.]*\s*(%|percent|prozent|por ciento|pour cent|days?|hours?|minutes?|tickets?|k\b)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumberRx();

    [GeneratedRegex(@"\b(within|by|in (the first )?\d+|per (month|quarter|year)|q[1-4]|end of (the )?(year|quarter)|months?|weeks?|days|innerhalb|bis|dentro de|en \d+|d'ici|avant)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TimeframeRx();

    [GeneratedRegex(@"\b(\d{1,2}(st|nd|rd|th)? (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{1,2}|q[1-4]|end of (the )?(month|quarter)|(this|next) (week|month)|today|tomorrow|monday|tuesday|wednesday|thursday|thurs|friday|\d{4}-\d{2}-\d{2}|\d{1,2}(st|nd|rd|th)\b|(in|by|early|late|mid-?) (january|february|march|april|may|june|july|august|september|october|november|december)|lunes|martes|miércoles|jueves|viernes|esta semana|enero|febrero|marzo|abril|mayo|junio|lundi|mardi|mercredi|jeudi|vendredi|d'ici|début|fin (janvier|février|mars|avril)|montag|dienstag|mittwoch|donnerstag|freitag|ende (januar|februar|märz|november|dezember)|im (januar|februar|märz|april))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DateRx();

    [GeneratedRegex(@"(?<n>\d{1,3}(,\d{3})*|\d+)\s+(users|seats|licen[cs]es|people|agents|reps|nutzer|lizenzen|usuarios|licencias|utilisateurs|licences)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SeatsRx();

    [GeneratedRegex(@"(?<n>\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+)[^.]{0,40}\b(signs|sign off|signs off|economic buyer|budget owner|exec(utive)? sponsor)\b|\b(exec(utive)? sponsor|economic buyer|budget owner) (is|will be) (?<n>\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+)", RegexOptions.CultureInvariant)]
    private static partial Regex SponsorRx();

    [GeneratedRegex(@"(?<n>\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+)[^.]{0,40}\b(will (run|lead|own) the (rollout|roll-out|implementation|project))\b|\b(champion|point of contact|project lead) (is|will be) (?<n>\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+)", RegexOptions.CultureInvariant)]
    private static partial Regex ChampionRx();
}
