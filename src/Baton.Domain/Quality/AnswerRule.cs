namespace Baton.Domain.Quality;

/// <summary>What a long-text field must name to say something about this customer; each manifest rule picks one.</summary>
internal enum AnswerKind
{
    /// <summary><c>specific</c>: why now, why we won, risks, criteria, environment: an event, a system, a person, a number.</summary>
    Specific,
    /// <summary><c>systems</c>: the technical environment: named systems, where a tool's name alone is an answer.</summary>
    Systems,
    /// <summary><c>vendor</c>: competitors, tools replaced: a product or vendor, an in-house build, or that there was none.</summary>
    Vendor,
    /// <summary><c>commitment</c>: what was promised, or explicitly that nothing was.</summary>
    Commitment,
    /// <summary><c>terms</c>: the clause that differs, or that the paper is standard.</summary>
    Terms,
    /// <summary><c>timeline</c>: dates tied to the steps of the decision.</summary>
    Timeline,
}

/// <summary>
/// Judges a free-text answer against what its field asks for, in three steps: it must not defer ("ask the AE",
/// "in the deck", "Steht im CRM"), must not be a stock answer ("the usual suspects", "like every project"), and
/// must name something only this customer has (<see cref="SpecificRule"/>, with the field's own generic words).
/// </summary>
/// <remarks>
/// The phrase checks hold only for short values without dates or amounts: "see the SOW signed 3/12, net 60" points
/// elsewhere but still answers. An explicit "none" passes where the field accepts it. Every verdict says what to
/// write instead, in the AE's terms.
/// </remarks>
internal static class AnswerRule
{
    /// <summary>A deferral or stock answer is a sentence or two; past this a value is an answer that mentions one.</summary>
    private const int PhraseMaxWords = 24;

    /// <summary>A value this short with one date in it can still be only a pointer ("see email from 3/12").</summary>
    private const int ShortAnswerWords = 12;

    public static Verdict Check(ReadOnlySpan<char> s, AnswerKind kind, bool explicitNone)
    {
        Span<Range> buffer = stackalloc Range[PhraseMaxWords + 1];
        var words = new Words(s, buffer);
        // Two dates or amounts make an answer whatever else it says: no phrase check fires on them, and a digit is content.
        var digitWords = 0;
        for (var i = 0; i < words.Count && digitWords < 2; i++)
            if (Words.HasDigit(words[i])) digitWords++;
        if (digitWords >= 2) return Verdict.Good;

        Span<char> foldBuffer = stackalloc char[Phrases.MaxFolded];
        var phrases = words.Count <= PhraseMaxWords && s.Length <= Phrases.MaxFolded - 2;
        var folded = phrases ? foldBuffer[..Phrases.Fold(s, foldBuffer)] : default;
        phrases = phrases && Phrases.AnyPhrase(folded);
        // Most answers match no phrase, so the dates are counted only when one does.
        // "Please refer to the thread from Oct 3" still defers; "(template attached to the opp), monthly from
        // February" is an answer that cites its source.
        if (phrases && Phrases.FindDeferral(folded) is var d and >= 0 && DatedWords(words) is var dated
            && (dated == 0 || dated == 1 && words.Count <= ShortAnswerWords))
            return new Verdict(VerdictKind.Filler, RuleIds.Deferral,
                $"\"{Phrases.PhraseAt(folded, d, deferral: true)}\" sends the CSM elsewhere or to later: write the answer here, now");

        // "Gong", "Notion page", "#deal-northwind": a place named instead of the answer, except where systems are the answer.
        if (kind is not (AnswerKind.Systems or AnswerKind.Vendor) && NamesOnlyAPlace(s, words))
            return new Verdict(VerdictKind.Filler, RuleIds.Deferral, $"\"{s}\" names where the answer is kept, not the answer: copy it here");

        if (kind == AnswerKind.Specific && RestatesQuestion(words))
            return new Verdict(VerdictKind.Filler, RuleIds.CopiedLabel, $"\"{s}\" restates the question instead of answering it");

        if (kind == AnswerKind.Timeline)
        {
            // Two dates, or one step dated from another ("signed 5 weeks after first call").
            if (CountDates(s, words) < 2 && !DatesAStep(words)) return new Verdict(VerdictKind.Vague, RuleIds.NoDates, WhatToWrite(kind));
        }
        else
        {
            var generic = kind switch
            {
                AnswerKind.Vendor => WordClass.Generic | WordClass.VendorGeneric,
                AnswerKind.Commitment => WordClass.Generic | WordClass.CommitmentGeneric,
                AnswerKind.Terms => WordClass.Generic | WordClass.TermsGeneric,
                _ => WordClass.Generic,
            };
            // A short answer in Chinese or Japanese with no name, number or Latin product in it ("老系统", "好用") is a
            // category, not a fact; an explicit-none field's short answers ("按月付款") are terms, so they are spared.
            var shortCjkAllowed = kind is AnswerKind.Commitment or AnswerKind.Terms;
            var none = (explicitNone || kind == AnswerKind.Vendor) && SaysNone(words, kind);
            if (!none && (!SpecificRule.HasContent(s, generic, shortCjkAllowed, judgeThin: kind != AnswerKind.Vendor, out var thin) || thin))
                return kind is AnswerKind.Specific or AnswerKind.Systems
                    ? new Verdict(VerdictKind.Vague, RuleIds.Generic, "only generic words: " + WhatToWrite(kind))
                    : new Verdict(VerdictKind.Vague, RuleIds.NothingNamed, WhatToWrite(kind));
            // "Their current vendor, contract ends soon", "Das alte Ticketsystem": words, but no product among them.
            if (!none && kind is AnswerKind.Vendor or AnswerKind.Systems && !ProductNames.Named(s))
                return new Verdict(VerdictKind.Vague, RuleIds.NoProduct, "no product or system named: " + WhatToWrite(kind));
        }

        // A stock phrase in an answer that also names something: "Their old tool, Zendesk" names the vendor it
        // hedges about; elsewhere a name does not save it ("Il solito stack Microsoft" says nothing to connect to).
        // "Nothing special" in an explicit-none field is that field's accepted answer, not a hedge.
        if (phrases && Phrases.FindStock(folded) is var t and >= 0 && DatedWords(words) == 0 && Names(words) < (kind == AnswerKind.Vendor ? 1 : 2)
            && !(explicitNone && (Vocabulary.Classify(words[0]) & WordClass.Negation) != 0))
            return new Verdict(VerdictKind.Vague, RuleIds.Stock,
                $"\"{Phrases.PhraseAt(folded, t, deferral: false)}\" could be said of any customer: {WhatToWrite(kind)}");
        return Verdict.Good;
    }

    /// <summary>Words with a digit or a month name: dates and amounts ("by 15 Feb", "monthly from February") are what a real answer carries.</summary>
    private static int DatedWords(Words words)
    {
        var n = 0;
        for (var i = 0; i < words.Count; i++)
            if (Words.HasDigit(words[i]) || (Vocabulary.Classify(words[i]) & WordClass.Month) != 0) n++;
        return n;
    }

    /// <summary>A Slack channel, or a notes tool with at most "page", "notes" or "call" beside it.</summary>
    private static bool NamesOnlyAPlace(ReadOnlySpan<char> s, Words words)
    {
        if (s[0] == '#' && words.Count <= 6) return true;
        if (words.Count > 3 || s.ContainsAnyInRange('0', '9')) return false;
        var place = false;
        for (var i = 0; i < words.Count; i++)
        {
            var cls = Vocabulary.Classify(words[i]);
            if ((cls & WordClass.NotesPlace) != 0) place = true;
            else if ((cls & (WordClass.ReferenceTarget | WordClass.Generic)) == 0 && !IsPlaceNoun(words[i])) return false;
        }
        return place;
    }

    private static bool IsPlaceNoun(ReadOnlySpan<char> w) =>
        w.Equals("page", StringComparison.OrdinalIgnoreCase) || w.Equals("snippet", StringComparison.OrdinalIgnoreCase)
        || w.Equals("video", StringComparison.OrdinalIgnoreCase) || w.Equals("channel", StringComparison.OrdinalIgnoreCase)
        || w.Equals("google", StringComparison.OrdinalIgnoreCase) || w.Equals("space", StringComparison.OrdinalIgnoreCase);

    /// <summary>Capitalized words after the first, and acronyms, that are not generic: products, companies, people.</summary>
    private static int Names(Words words)
    {
        var names = 0;
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            if ((i > 0 && char.IsUpper(w[0]) || Words.IsAcronym(w)) && (Vocabulary.Classify(w) & (WordClass.Generic | WordClass.VendorGeneric)) == 0)
                names++;
        }
        return names;
    }

    /// <summary>"Why we won", "Por qué ganamos", "Warum wir gewonnen haben": the field's question typed back as its answer.</summary>
    private static bool RestatesQuestion(Words words)
    {
        if (words.Count is 0 or > 5) return false;
        var first = words[0];
        if (Words.HasDigit(first)) return false;
        var lead = first.Equals("why", StringComparison.OrdinalIgnoreCase) || first.Equals("warum", StringComparison.OrdinalIgnoreCase)
            || first.Equals("pourquoi", StringComparison.OrdinalIgnoreCase) || first.Equals("perché", StringComparison.OrdinalIgnoreCase)
            || first.Equals("perchè", StringComparison.OrdinalIgnoreCase) || first.Equals("waarom", StringComparison.OrdinalIgnoreCase)
            || first.StartsWith("なぜ", StringComparison.Ordinal) || first.StartsWith("为什么", StringComparison.Ordinal)
            || first.Equals("por", StringComparison.OrdinalIgnoreCase) && (words[1].Equals("qué", StringComparison.OrdinalIgnoreCase) || words[1].Equals("que", StringComparison.OrdinalIgnoreCase));
        if (!lead) return false;
        // "Why: Gainsight could not ..." answers; the bare question names nothing.
        for (var i = 1; i < words.Count; i++)
            if (Words.IsAcronym(words[i]) || char.IsUpper(words[i][0])) return false;
        return true;
    }

    private static string WhatToWrite(AnswerKind kind) => kind switch
    {
        AnswerKind.Vendor => "name the vendor or product, an in-house build, or say there was none and what they used",
        AnswerKind.Commitment => "name what was promised and by when, or write \"Nothing beyond the contract\"",
        AnswerKind.Terms => "name the clause (payment terms, cap, SLA, termination), or write \"Standard paper\"",
        AnswerKind.Systems => "name the systems we connect to or live beside (identity, warehouse, CRM, ticketing), e.g. \"Okta SSO, Snowflake\"",
        AnswerKind.Timeline => "give the dates of the steps, e.g. \"demo 2 Sep, security review 20 Sep, signed 14 Oct\"",
        _ => "say what happened at this customer (who, which system, which number, which date)",
    };

    /// <summary>An explicit "none": a negation ("nothing", "keine", "无", "なし") or, for terms, "standard paper".</summary>
    private static bool SaysNone(Words words, AnswerKind kind)
    {
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            var cls = Vocabulary.Classify(w);
            if ((cls & WordClass.Negation) != 0) return true;
            // "Standard paper", "std onboarding only": nothing beyond what every customer gets.
            if (kind is AnswerKind.Terms or AnswerKind.Commitment && (cls & WordClass.StandardPaper) != 0) return true;
            if (ContainsCjkNone(w, kind)) return true;
        }
        return false;
    }

    /// <summary>"なし", "无", "没有…", "无额外承诺", "修正なし", and for terms "標準契約": a Chinese or Japanese explicit none.</summary>
    private static bool ContainsCjkNone(ReadOnlySpan<char> w, AnswerKind kind) =>
        w is "无" or "無" || kind == AnswerKind.Vendor && (w.StartsWith("无竞", StringComparison.Ordinal) || w.StartsWith("競合なし", StringComparison.Ordinal)) || w.Contains("なし", StringComparison.Ordinal) || w.Contains("没有", StringComparison.Ordinal)
        || w.Contains("沒有", StringComparison.Ordinal) || w.Contains("無し", StringComparison.Ordinal) || w.StartsWith("无额外", StringComparison.Ordinal)
        || w.Contains("ありません", StringComparison.Ordinal) || w.Contains("不存在", StringComparison.Ordinal)
        || (kind == AnswerKind.Terms && (w.Contains("標準", StringComparison.Ordinal) || w.Contains("标准", StringComparison.Ordinal)));

    /// <summary>"5 weeks after first call", "drei Wochen nach der Demo": a period that ties one step to another.</summary>
    private static bool DatesAStep(Words words)
    {
        for (var i = 1; i + 1 < words.Count; i++)
            if ((Vocabulary.Classify(words[i]) & WordClass.TimeUnit) != 0
                && (Words.HasDigit(words[i - 1]) || (Vocabulary.Classify(words[i - 1]) & WordClass.NumberWord) != 0)
                && (Vocabulary.Classify(words[i + 1]) & (WordClass.Relative | WordClass.StrongDeadline)) != 0
                && !words[i + 1].Equals("of", StringComparison.OrdinalIgnoreCase))
                return true;
        return false;
    }

    /// <summary>Dates and numbered moments: each run of digits, each month name ("3 Sep", "9/30", "2月27日", "Q4, 20 dic").</summary>
    private static int CountDates(ReadOnlySpan<char> s, Words words)
    {
        var count = 0;
        var inDigits = false;
        foreach (var c in s)
        {
            var digit = char.IsAsciiDigit(c);
            if (digit && !inDigits) count++;
            inDigits = digit;
        }
        for (var i = 0; i < words.Count; i++)
            if (!Words.HasDigit(words[i]) && (Vocabulary.Classify(words[i]) & (WordClass.Month | WordClass.NumberWord)) != 0) count++;
        return count;
    }
}
