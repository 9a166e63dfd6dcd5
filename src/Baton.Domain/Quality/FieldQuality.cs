using System.Buffers;
using System.Globalization;
using Baton.Domain.Fields;
using Baton.Domain.Fields.Values;
using NodaTime;

namespace Baton.Domain.Quality;

/// <summary>Judges one raw handoff value: missing, filler, vague, invalid, or good enough to pass the gate.</summary>
/// <remarks>
/// Called by the gate on every stage move and by the audit on every value of an export, so a value that passes
/// costs no allocation: words are looked up as spans, buffers live on the stack. Only a verdict that blocks builds
/// its reason string. Checks run from the cheapest and most certain (blank, type, placeholder) to the most
/// heuristic (metric, specific), and the first that fires is the verdict; README.md in this folder lists them.
/// </remarks>
public static class FieldQuality
{
    /// <summary>The longest placeholder phrase is about 25 characters; this leaves room for stray spaces and punctuation.</summary>
    private const int PhraseWindow = 40;

    /// <summary>Values longer than this are never a placeholder phrase or a copied label, so they are not normalized.</summary>
    private const int ShortValue = 64;

    /// <summary>Below this length two fields may well hold the same value ("Yes", "Q2", a name) without one being copied.</summary>
    private const int CopyMinLength = 12;

    private static readonly char[] WordSeparators = [' ', '\t', '\n'];
    private static readonly SearchValues<char> LeadEnd = SearchValues.Create(" \t\n-:,;(–—");

    /// <summary>A pointer elsewhere is short ("see deal notes"); longer text is an answer that mentions a source.</summary>
    private const int ReferenceMaxLength = 80;

    /// <param name="value">The raw value, as the CRM, form or import carried it.</param>
    /// <param name="deal">The deal's other raw values, by ordinal: copy detection and <c>after:FIELD</c> read them.</param>
    /// <param name="cache">Remembers value-only verdicts across deals of one manifest; null judges from scratch.</param>
    public static Verdict Check(FieldDefinition field, ReadOnlySpan<char> value, IFieldValues deal, FieldManifest manifest, VerdictCache? cache = null)
    {
        var s = value.Trim();
        var flags = RuleFlags(field, cache);
        var explicitNone = (flags & ExplicitNoneFlag) != 0;
        if (s.IsEmpty)
            return explicitNone
                ? new Verdict(VerdictKind.Missing, RuleIds.ExplicitNone, "blank never passes here: write \"Nothing beyond the contract\" or \"None\" if that is the answer")
                : Verdict.Blank;

        var textLike = field.Type is FieldType.Text or FieldType.LongText;
        if (cache is not null && (flags & CacheableFlag) != 0)
            return CheckCached(field, s, deal, manifest, textLike, explicitNone, cache);
        if (!textLike) return CheckTyped(field, s, deal, manifest, explicitNone);

        var head = CheckTextHead(field, s, explicitNone);
        if (!head.IsOk) return head;
        if (LongEnoughToCopy(s) && CopiedFrom(field, s, deal, manifest) is { } source && !SharedNone(s, explicitNone))
            return CopiedField(field, source);
        return CheckRules(field, s, deal, manifest, textLike);
    }

    private const int ExplicitNoneFlag = 1, CacheableFlag = 2;

    private static int RuleFlags(FieldDefinition field, VerdictCache? cache)
    {
        if (cache is not null && cache.TryGetRuleFlags(field, out var known)) return known;
        // A contact names this deal's people, so it rarely repeats; after: reads another field.
        var flags = (Has(field, QualityRules.ExplicitNone) ? ExplicitNoneFlag : 0)
            | (field.Type != FieldType.Contact && !Has(field, QualityRules.After) ? CacheableFlag : 0);
        cache?.SetRuleFlags(field, flags);
        return flags;
    }

    private static Verdict CheckTyped(FieldDefinition field, ReadOnlySpan<char> s, IFieldValues deal, FieldManifest manifest, bool explicitNone)
    {
        // A value that parses as its type is no placeholder, so well-typed values (most of an audit) skip the
        // word lists; one that does not parse is filler if it reads like filler ("tbd" in a date), else invalid.
        var typed = CheckType(field, s, out var date);
        if (typed.IsOk) return CheckRules(field, s, deal, manifest, textLike: false, date);
        var placeholder = CheckFiller(field, s, textLike: false, explicitNone);
        return placeholder.IsOk ? typed : placeholder;
    }

    /// <summary>
    /// The same verdict as the uncached paths. A typed value's verdict depends on the value alone (no <c>after:</c>
    /// is cached). Free text: filler and lone-link (value only), then copied field (the deal, so never cached),
    /// then the rules (value only). The rules run even when the copy fires, so the entry is complete; that costs
    /// only on a miss.
    /// </summary>
    private static Verdict CheckCached(FieldDefinition field, ReadOnlySpan<char> s, IFieldValues deal, FieldManifest manifest, bool textLike,
        bool explicitNone, VerdictCache cache)
    {
        if (!cache.TryGet(field, s, out var hash, out var head, out var tail))
        {
            if (textLike)
            {
                head = CheckTextHead(field, s, explicitNone);
                tail = head.IsOk ? CheckRules(field, s, deal, manifest, textLike: true) : Verdict.Good;
            }
            else
            {
                head = CheckTyped(field, s, deal, manifest, explicitNone);
                tail = Verdict.Good;
            }
            cache.Store(field, s, hash, head, tail);
        }
        if (!head.IsOk) return head;
        if (textLike && LongEnoughToCopy(s) && CopiedFrom(field, s, deal, cache.TextFields(manifest)) is { } source && !SharedNone(s, explicitNone))
            return CopiedField(field, source);
        return tail;
    }

    /// <summary>The checks of a free-text value that depend on nothing else: placeholders, then a link alone.</summary>
    private static Verdict CheckTextHead(FieldDefinition field, ReadOnlySpan<char> s, bool explicitNone)
    {
        var filler = CheckFiller(field, s, textLike: true, explicitNone);
        if (!filler.IsOk) return filler;
        if (!s.ContainsAny(' ', '\t', '\n') && (FieldValueParser.TryParseUrl(s) || s.StartsWith("www.", StringComparison.OrdinalIgnoreCase)))
            return new Verdict(VerdictKind.Filler, RuleIds.LoneLink, $"a link alone is not an answer: write what {field.Label.ToLowerInvariant()} is, and keep the link as a source");
        return Verdict.Good;
    }

    /// <summary>
    /// Whether the same text in another field would be a copy. Short values ("Yes", "Q2") may well repeat, so only
    /// 12 characters or more, or two words or more from 8 ("Gong, Clari"). "Nothing beyond the contract" may rightly
    /// answer two explicit_none fields, so a short answer that opens with a negation is not compared.
    /// </summary>
    private static bool LongEnoughToCopy(ReadOnlySpan<char> s) =>
        s.Length >= CopyMinLength || s.Length >= CopyMinWordsLength && s.ContainsAny(' ', ',');

    /// <summary>Checked only once the same text was found elsewhere, which is rare: most values differ in length.</summary>
    private static bool SharedNone(ReadOnlySpan<char> s, bool explicitNone)
    {
        if (!explicitNone || s.Length > CopyNoneMaxLength) return false;
        return (Vocabulary.Classify(LeadWord(s)) & WordClass.Negation) != 0 || AnswerRuleSaysNoneCjk(s);
    }

    /// <summary>"契約外の約束なし", "无额外承诺": a Chinese or Japanese explicit none, which has no lead word to look at.</summary>
    private static bool AnswerRuleSaysNoneCjk(ReadOnlySpan<char> s) =>
        s.Contains("なし", StringComparison.Ordinal) || s.StartsWith("无", StringComparison.Ordinal) || s.StartsWith("没有", StringComparison.Ordinal);

    private const int CopyMinWordsLength = 8, CopyNoneMaxLength = 40;

    private static Verdict CopiedField(FieldDefinition field, FieldDefinition source) =>
        new(VerdictKind.Filler, RuleIds.CopiedField, $"the same text as \"{source.Label}\": write what {field.Label.ToLowerInvariant()} asks");

    /// <param name="date">The value as a date when it is a date field (CheckType parsed it), so <c>after:</c> need not parse it again.</param>
    private static Verdict CheckRules(FieldDefinition field, ReadOnlySpan<char> s, IFieldValues deal, FieldManifest manifest, bool textLike, LocalDate? date = null)
    {
        var rules = field.Rules;
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var verdict = rule.Name switch
            {
                QualityRules.Metric => MetricRule.Check(s),
                QualityRules.Specific when textLike => AnswerRule.Check(s, AnswerKind.Specific, explicitNone: false),
                QualityRules.Specific => SpecificRule.Check(s),
                QualityRules.Systems when textLike => AnswerRule.Check(s, AnswerKind.Systems, explicitNone: false),
                QualityRules.Vendor when textLike => AnswerRule.Check(s, AnswerKind.Vendor, explicitNone: false),
                QualityRules.Commitment when textLike => AnswerRule.Check(s, AnswerKind.Commitment, explicitNone: true),
                QualityRules.Terms when textLike => AnswerRule.Check(s, AnswerKind.Terms, explicitNone: true),
                QualityRules.Timeline when textLike => AnswerRule.Check(s, AnswerKind.Timeline, explicitNone: false),
                QualityRules.After => CheckAfter(field, rule, s, date, deal, manifest),
                QualityRules.MinWords => CheckMinWords(rule, s),
                QualityRules.Email when textLike => CheckContact(s, requireEmail: true),
                _ => Verdict.Good,
            };
            if (!verdict.IsOk) return verdict;
        }
        return Verdict.Good;
    }

    private static Verdict CheckFiller(FieldDefinition field, ReadOnlySpan<char> s, bool textLike, bool explicitNone)
    {
        if (IsPunctuationOnly(s))
            return Filler(RuleIds.Filler, $"\"{s}\" is punctuation, not an answer");
        if (IsOneRepeatedLetter(s))
            return Filler(RuleIds.Filler, $"\"{s}\" is one character repeated, not an answer");

        if (s.Length <= PhraseWindow || s.Length <= field.Label.Length + 8)
        {
            Span<char> buffer = stackalloc char[ShortValue];
            var normalized = buffer[..Normalize(s, buffer)];
            switch (Vocabulary.ClassifyValue(normalized))
            {
                case ValueClass.Filler:
                case ValueClass.TextOnlyFiller when textLike:
                    return Filler(RuleIds.Filler, $"\"{s}\" is a placeholder, not an answer");
                case ValueClass.Nothing when !explicitNone:
                    return Filler(RuleIds.Filler, $"\"{s}\" says nothing; {field.Label.ToLowerInvariant()} needs a real answer");
            }
            if (EqualsNormalized(normalized, field.Label) || EqualsNormalized(normalized, field.Key))
                return Filler(RuleIds.CopiedLabel, $"\"{s}\" repeats the field's name instead of answering it");
            if (IsKeyboardMash(s))
                return Filler(RuleIds.Filler, $"\"{s}\" is keyboard mash, not an answer");
        }

        var lead = LeadWord(s);
        var leadClass = Vocabulary.Classify(lead);
        // "TBD - will confirm" and "None really" are notes to self; "TBD whether IT staffs the SSO project before
        // March" and "Nothing in writing, but the CFO wants payback in 2 quarters" are answers that open with doubt.
        const WordClass shortOnly = WordClass.PlaceholderLead | WordClass.NothingLead | WordClass.DoubtingLead;
        var noteToSelf = (leadClass & shortOnly) != 0 && (IsShort(s) || StartsClause(s[lead.Length..]));
        if ((leadClass & WordClass.PlaceholderLead) != 0 && lead.Length < s.Length && noteToSelf)
            return Filler(RuleIds.Filler, $"\"{s}\" starts with \"{lead}\": a note to come back later, not an answer");
        if ((leadClass & WordClass.NothingLead) != 0 && noteToSelf && !explicitNone && Has(field, QualityRules.Specific))
            return Filler(RuleIds.Filler, $"\"{s}\" says nothing; {field.Label.ToLowerInvariant()} needs a real answer");
        if ((leadClass & WordClass.DoubtingLead) != 0 && IsShort(s))
            foreach (var opening in Vocabulary.DoubtingOpenings)
                if (s.StartsWith(opening, StringComparison.OrdinalIgnoreCase))
                    return Filler(RuleIds.Filler, $"\"{s}\" is a guess at nothing, not an answer");
        if ((leadClass & WordClass.DeferringLead) != 0)
            foreach (var opening in Vocabulary.DeferringOpenings)
                if (s.StartsWith(opening, StringComparison.OrdinalIgnoreCase))
                    return Filler(RuleIds.Filler, $"\"{s}\" defers the answer instead of giving it");
        if (IsShort(s) && EndsWithPlaceholder(s))
            return Filler(RuleIds.Filler, $"\"{s}\" ends in a placeholder: the answer is still to come");
        if (s.Length <= ReferenceMaxLength && PointsElsewhere(s, leadClass))
            return Filler(RuleIds.Filler, $"\"{s}\" points somewhere else: copy the answer here, the CSM will not go looking");
        return Verdict.Good;
    }

    private static Verdict CheckType(FieldDefinition field, ReadOnlySpan<char> s, out LocalDate? date)
    {
        date = null;
        var ok = field.Type switch
        {
            FieldType.Text or FieldType.LongText => true,
            FieldType.Number => FieldValueParser.TryParseNumber(s, out _),
            FieldType.Currency => FieldValueParser.TryParseCurrency(s, out _, out _),
            FieldType.Date => TryParseDate(s, out date),
            FieldType.Boolean => FieldValueParser.TryParseBoolean(s, out _),
            FieldType.Choice => FieldValueParser.FindChoice(s, field.Choices) is not null,
            FieldType.MultiChoice => FieldValueParser.TryCheckChoices(s, field.Choices, allowComma: true, out _),
            FieldType.Url => FieldValueParser.TryParseUrl(s),
            FieldType.Scope => FieldValueParser.TryParseScope(s, field.Choices, out _, out _),
            FieldType.Contact => true,
            _ => true,
        };
        if (!ok)
        {
            FieldValueParser.TryParse(field, s, out _, out var error);
            return new Verdict(VerdictKind.Invalid, RuleIds.Type, error ?? $"expected {FieldValueParser.Expected(field)}, found \"{s}\"");
        }
        return field.Type == FieldType.Contact ? CheckContact(s, requireEmail: true) : Verdict.Good;
    }

    /// <summary>A contact must parse; without an e-mail the CSM cannot reach the person, so it is vague.</summary>
    private static Verdict CheckContact(ReadOnlySpan<char> s, bool requireEmail)
    {
        var problem = FieldValueParser.ParseContact(s, out var parts);
        if (problem == ContactProblem.MalformedEmail)
            return new Verdict(VerdictKind.Invalid, RuleIds.Email, $"expected an e-mail like priya.raman@northwind.io, found \"{s}\"");
        if (problem != ContactProblem.None)
            return new Verdict(VerdictKind.Invalid, RuleIds.Type, $"expected a name and e-mail like Priya Raman <priya.raman@northwind.io>, found \"{s}\"");
        if (parts.HasEmail && IsPlaceholderDomain(parts.Email))
            return Filler(RuleIds.Filler, $"\"{parts.Email}\" is a placeholder address");
        if (!parts.Name.IsEmpty && IsPlaceholderName(parts.Name))
            return Filler(RuleIds.Filler, $"\"{parts.Name}\" is a placeholder, not a person");
        if (requireEmail && !parts.HasEmail)
            return new Verdict(VerdictKind.Vague, RuleIds.Email, $"name without e-mail: add it, e.g. {parts.Name} <first.last@company.com>");
        return Verdict.Good;
    }

    private static bool TryParseDate(ReadOnlySpan<char> s, out LocalDate? date)
    {
        var ok = FieldValueParser.TryParseDate(s, out var parsed);
        date = ok ? parsed : null;
        return ok;
    }

    private static Verdict CheckAfter(FieldDefinition field, QualityRule rule, ReadOnlySpan<char> s, LocalDate? parsed, IFieldValues deal, FieldManifest manifest)
    {
        var other = rule.ArgumentOrdinal >= 0 && rule.ArgumentOrdinal < manifest.Fields.Count
            ? manifest.Fields[rule.ArgumentOrdinal]
            : rule.Argument is null ? null : manifest.Find(rule.Argument);
        if (other is null) return Verdict.Good;
        // Only a comparison of two real dates can fail here; a missing or unreadable other date has its own verdict.
        LocalDate mine;
        if (parsed is { } known) mine = known;
        else if (!FieldValueParser.TryParseDate(s, out mine)) return Verdict.Good;
        if (!FieldValueParser.TryParseDate(deal.Get(other.Ordinal), out var theirs)) return Verdict.Good;
        if (mine > theirs) return Verdict.Good;
        return new Verdict(VerdictKind.Invalid, RuleIds.After,
            $"{field.Label} {mine.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture)} must fall after {other.Label} {theirs.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture)}");
    }

    private static Verdict CheckMinWords(QualityRule rule, ReadOnlySpan<char> s)
    {
        if (!int.TryParse(rule.Argument, NumberStyles.None, CultureInfo.InvariantCulture, out var min)) return Verdict.Good;
        var count = 0;
        foreach (var range in s.SplitAny(WordSeparators))
            if (!s[range].IsEmpty) count++;
        return count >= min
            ? Verdict.Good
            : new Verdict(VerdictKind.Vague, RuleIds.MinWords, $"{count} word{(count == 1 ? "" : "s")} is too short here: write at least {min}");
    }

    /// <summary>The same as the scan below, over the free-text fields only (the cache lists them once per manifest).</summary>
    private static FieldDefinition? CopiedFrom(FieldDefinition field, ReadOnlySpan<char> s, IFieldValues deal, FieldDefinition[] textFields)
    {
        foreach (var other in textFields)
        {
            if (other.Ordinal == field.Ordinal) continue;
            var theirs = deal.Get(other.Ordinal);
            if (theirs.Length < s.Length) continue;
            theirs = theirs.Trim();
            if (theirs.Length == s.Length && theirs.Equals(s, StringComparison.OrdinalIgnoreCase)) return other;
        }
        return null;
    }

    private static FieldDefinition? CopiedFrom(FieldDefinition field, ReadOnlySpan<char> s, IFieldValues deal, FieldManifest manifest)
    {
        var fields = manifest.Fields;
        for (var i = 0; i < fields.Count; i++)
        {
            var other = fields[i];
            if (other.Ordinal == field.Ordinal || other.Type is not (FieldType.Text or FieldType.LongText)) continue;
            var theirs = deal.Get(other.Ordinal);
            if (theirs.Length < s.Length) continue;
            theirs = theirs.Trim();
            if (theirs.Length == s.Length && theirs.Equals(s, StringComparison.OrdinalIgnoreCase)) return other;
        }
        return null;
    }

    private static bool Has(FieldDefinition field, string rule)
    {
        var rules = field.Rules;
        for (var i = 0; i < rules.Count; i++)
            if (rules[i].Name == rule) return true;
        return false;
    }

    private static Verdict Filler(string rule, string reason) => new(VerdictKind.Filler, rule, reason);

    /// <summary>Lower case, runs of whitespace and '_' as one space, punctuation and symbols trimmed from both ends.</summary>
    internal static int Normalize(ReadOnlySpan<char> s, Span<char> dest)
    {
        var n = 0;
        var pendingSpace = false;
        foreach (var raw in s)
        {
            if (raw == ' ' || raw == '_' || char.IsWhiteSpace(raw))
            {
                pendingSpace = n > 0;
                continue;
            }
            if (n == 0 && IsEdge(raw)) continue;
            if (pendingSpace && n < dest.Length) dest[n++] = ' ';
            pendingSpace = false;
            if (n == dest.Length) break;
            dest[n++] = raw < 128 ? (char)(char.IsAsciiLetterUpper(raw) ? raw | 0x20 : raw) : raw == '’' ? '\'' : char.ToLowerInvariant(raw);
        }
        while (n > 0 && (IsEdge(dest[n - 1]) || dest[n - 1] == ' ')) n--;
        return n;
    }

    private static bool IsEdge(char c) => char.IsPunctuation(c) || char.IsSymbol(c);

    private static bool EqualsNormalized(ReadOnlySpan<char> normalized, string text)
    {
        if (normalized.IsEmpty || normalized.Length > text.Length || text.Length > ShortValue) return false;
        // Most values differ from the label in the first letter; check that before normalizing the label.
        var first = text.AsSpan().TrimStart().TrimStart("_-.,:;!?'\"()[]".AsSpan());
        if (first.IsEmpty || char.ToLowerInvariant(first[0]) != normalized[0]) return false;
        Span<char> other = stackalloc char[ShortValue];
        var n = Normalize(text, other);
        return normalized.SequenceEqual(other[..n]);
    }

    private static bool IsPunctuationOnly(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
            if (!char.IsPunctuation(c) && !char.IsSymbol(c) && !char.IsWhiteSpace(c)) return false;
        return true;
    }

    private static bool IsOneRepeatedLetter(ReadOnlySpan<char> s)
    {
        if (s.Length < 3 || !char.IsLetter(s[0])) return false;
        var first = char.ToLowerInvariant(s[0]);
        foreach (var c in s)
            if (char.ToLowerInvariant(c) != first) return false;
        return true;
    }

    /// <summary>Six words or fewer: too short for a sentence that qualifies its opening.</summary>
    private static bool IsShort(ReadOnlySpan<char> s) => s.Length <= 48 && s.Count(' ') < 6;

    /// <summary>What follows the first word opens with a separator: "TBD - …", "N/A: …", "Pending (legal)".</summary>
    private static bool StartsClause(ReadOnlySpan<char> rest)
    {
        rest = rest.TrimStart();
        return rest.IsEmpty || rest[0] is '-' or '–' or '—' or ':' or ',' or ';' or '(' or '/' or '.' or '!';
    }

    /// <summary>"Improve efficiency - TBD", "Budget (tbc)": a short value whose last word, set apart, is a placeholder.</summary>
    private static bool EndsWithPlaceholder(ReadOnlySpan<char> s)
    {
        var end = s.TrimEnd(").!?]".AsSpan());
        var start = end.LastIndexOfAny(LeadEnd);
        if (start < 0) return false;
        var last = end[(start + 1)..];
        if (!last.Equals("tbd", StringComparison.OrdinalIgnoreCase) && !last.Equals("tbc", StringComparison.OrdinalIgnoreCase)
            && !last.Equals("tba", StringComparison.OrdinalIgnoreCase))
            return false;
        var before = end[..(start + 1)].TrimEnd();
        return before.Length > 0 && before[^1] is '-' or '–' or '—' or ':' or '(' or ',' or '/';
    }

    /// <summary>The first word, up to a space or a separator such as '-', ':', ',' or '('.</summary>
    private static ReadOnlySpan<char> LeadWord(ReadOnlySpan<char> s)
    {
        var end = s.IndexOfAny(LeadEnd);
        return end < 0 ? s : s[..end];
    }

    /// <summary>"see deal notes", "refer to the email thread", "check Gong call 3/12", "Spoke to Dana, see Gong".</summary>
    private static bool PointsElsewhere(ReadOnlySpan<char> s, WordClass leadClass)
    {
        const WordClass lead = WordClass.ReferenceLead | WordClass.ReferenceAlways | WordClass.WeakReferenceLead;
        var see = s.IndexOf("see ", StringComparison.OrdinalIgnoreCase);
        var seeInClause = see > 0 && s[..see].TrimEnd() is [.., ',' or ';' or '-' or '(' or '–' or ':'];
        if ((leadClass & lead) == 0 && !seeInClause) return false;

        Span<Range> buffer = stackalloc Range[10];
        var words = new Words(s, buffer);
        if (words.Count is 0 or > 9) return false;
        // A "ref call" is a reference customer on the phone, not a pointer to one.
        if (words[0].Equals("ref", StringComparison.OrdinalIgnoreCase) && words[1].StartsWith("call", StringComparison.OrdinalIgnoreCase)) return false;
        // "In the call they said budget is frozen": a preposition opens real answers too, so only five words or fewer.
        if ((leadClass & (WordClass.ReferenceLead | WordClass.ReferenceAlways)) == 0 && !seeInClause && words.Count > 5) return false;
        if (seeInClause || (leadClass & WordClass.ReferenceAlways) != 0 && words.Count > 1) return true;
        // "in Okta and Salesforce" lists systems; "check Salesforce" sends the reader there.
        var target = WordClass.ReferenceTarget;
        if (!words[0].Equals("in", StringComparison.OrdinalIgnoreCase) && !words[0].Equals("per", StringComparison.OrdinalIgnoreCase))
            target |= WordClass.ReferenceSystem;
        for (var i = 1; i < words.Count; i++)
            if ((Vocabulary.Classify(words[i]) & target) != 0 || words[i].StartsWith("http", StringComparison.OrdinalIgnoreCase))
                return true;
        return false;
    }

    /// <summary>Every word is keyboard mash ("asdf", "sdfsdf jkl;"); a single real word among them clears it.</summary>
    private static bool IsKeyboardMash(ReadOnlySpan<char> s)
    {
        if (s.Length > 40) return false;
        var any = false;
        foreach (var range in s.Split(' '))
        {
            var w = s[range].Trim(";',.");
            if (w.IsEmpty) continue;
            if (!Vocabulary.IsKeyboardMash(w)) return false;
            any = true;
        }
        return any;
    }

    private static bool IsPlaceholderName(ReadOnlySpan<char> name)
    {
        if (name.Length > ShortValue) return false;
        Span<char> buffer = stackalloc char[ShortValue];
        return Vocabulary.ClassifyValue(buffer[..Normalize(name, buffer)]) == ValueClass.Filler;
    }

    private static bool IsPlaceholderDomain(ReadOnlySpan<char> email)
    {
        var domain = email[(email.IndexOf('@') + 1)..];
        return domain.Equals("example.com", StringComparison.OrdinalIgnoreCase) || domain.Equals("example.org", StringComparison.OrdinalIgnoreCase)
            || domain.Equals("test.com", StringComparison.OrdinalIgnoreCase) || domain.Equals("domain.com", StringComparison.OrdinalIgnoreCase)
            || domain.Equals("company.com", StringComparison.OrdinalIgnoreCase) || domain.Equals("email.com", StringComparison.OrdinalIgnoreCase);
    }
}
