using System.Buffers;

namespace Baton.Domain.Quality;

/// <summary>
/// Phrases that give a value away wherever they stand in it: a deferral ("ask the AE", "in the deck", "siehe
/// Notizen", "電話で説明します") or a stock answer that fits any customer ("the usual suspects", "like every project",
/// "standard setup"). Searched in a folded copy of the value, in one vectorized pass per list.
/// </summary>
/// <remarks>
/// Latin-script phrases are written with a space at both ends and the folded value is padded the same way, so
/// " ask " does not match "task". Chinese and Japanese have no spaces between words, so their phrases are written
/// bare and match anywhere. The lists are per language, written from how AEs defer and hedge, not from any one
/// customer's text.
/// </remarks>
internal static class Phrases
{
    /// <summary>The longest value the phrase search looks at: deferrals and stock answers are a sentence (the longest
    /// seen is about 120 characters), and past this the search would cost every long answer for nothing.</summary>
    public const int MaxFolded = 180;

    private static readonly string[] DeferralPhrases =
    [
        // English: pointing at another place
        " see ", " refer to ", " check gong ", " check the ", " check with ", " in the deck ", " in the opp ",
        " on the opp ", " to the opp ", " in the opportunity ", " in sfdc ", " in salesforce ", " in hubspot ",
        " in the crm ", " in crm ", " in notion ", " in confluence ", " in gong ", " in the gong ", " in the map ",
        " of the map ", " mutual action plan ", " close plan ", " in the notes ", " in my notes ", " in the doc ",
        " in the scorecard ", " in the questionnaire ", " security questionnaire they ", " in the contract folder ",
        " in docusign ", " in the thread ", " in the email ", " attached to the ", " is attached ", " logged in the ",
        " stage history ", " battlecard ", " in the recording ", " on the recording ", " covered in ", " covered on ",
        " discussed on the call ", " discussed in the ", " on the call ", " on our call ", " on a call ",
        // English: someone else has it, or later
        " ask ", " has the details ", " has the full ", " has the list ", " has this ", " has it ", " have it ",
        " has the diagram ", " has the architecture ", " will know ", " will share ", " will send ", " will forward ",
        " will update ", " will confirm ", " will add ", " will follow ", " will get back ", " will circle back ",
        " will fill ", " i'll send ", " i'll share ", " i'll list ", " i'll update ", " i'll add ", " i'll write ",
        " i'll explain ", " i'd rather ", " happy to walk ", " walk you through ", " let's go through ",
        " let's discuss ", " let's talk ", " easier to talk ", " better to hear ", " hear it from ", " tell you ",
        " in person ", " handoff call ", " hand-off call ", " handoff meeting ", " more to come ", " to follow ",
        " when i get it ", " once i know ", " as soon as i know ", " feel free to check ", " waiting on ",
        " still waiting ", " tbd with ", " offered to present ", " will present ", " later ",
        // more places and people an answer is parked with
        " the opp ", " of the opp ", " the opp's ", " opp notes ", " deal notes ", " call notes ", " se notes ",
        " notes in ", " in the technical ", " validation doc ", " in the slides ", " in the slide ", " the slides ",
        " in the proposal ", " in the sow ", " in the rfp ", " in the drive ", " in the folder ", " in the channel ",
        " in slack ", " in the slack ", " in the deal room ", " in the recap ", " in the summary ", " in the handoff doc ",
        " in the business case ", " in the qbr deck ", " in the sales deck ", " in the pitch deck ",
        " the se has ", " the ae has ", " legal has ", " procurement has ", " finance has ", " the champion has ",
        " the sponsor has ", " has the details ", " knows the details ",
        " knows more ", " can tell you ", " can explain ", " will explain ", " will walk ", 
        " to be shared ", " to be sent ", " to be provided ",
        " tbc with ", " pending confirmation ", " pending legal ", " pending procurement ", " over the phone ",
        " on the phone ", " verbally ", " rather not write ",
        " siehe ", " steht im ", " im deck ", " in den folien ", " im protokoll ", " im anhang ", " in der opp ",
        " im angebot ", " am telefon ",
        " mündlich ", " weiß das ", " reiche ich ", " schicke ich ", " sende ich ",
        " en el deck ", " en la presentación ", " en las notas ", " en la oportunidad ", " en el acta ",
        " por teléfono ",
        " lo tiene ", " los tiene ", " te lo cuento ", " te lo explico ", " lo explico ", " lo envío ",
        " dans le deck ", " dans les notes ", " dans l'opportunité ", " dans l'opp ", " dans le compte rendu ",
        
        " par téléphone ", " le sait ", " je te l'explique ", " je te le dis ", 
        " no deck ", " nas notas ", " na oportunidade ", " na ata ", " por telefone ", " pessoalmente ", " te conto ", " te explico ", " explico na ",
        " nel deck ", " nelle note ", " nell'opportunità ", " nel verbale ", " al telefono ", " di persona ", " ti spiego ",
        " te lo spiego ", " te lo dico ", " in het deck ", " in de notities ", " in de opportunity ", " in het verslag ",
        
        " telefonisch ", " leg ik uit ", " vertel ik ",
        "議事録", "商談メモ", "メモを", "資料に", "電話で", 
        "纪要", "备注里", "附件", "里有", "当面说", "电话说", 
        " trage ich nach ", " ergänze ich ", " im call ", " details im ", " lo completo ", " lo añado ",
        " lo hablamos ", " pendiente de ", " je complète ", " je compléterai ", " en attente ", " completo depois ",
        " aguardando ", " completo dopo ", " in attesa ", " vul ik ", " wacht op ", " in afwachting ",
        " it's in the ", " it's all in ", " details in ", " documented in ", " captured in ",
        " outlined in ", " listed in ", " summarized in ", " written up in ", " fill this in ", " fill in ",
        " to be filled ", " pending ", " awaiting ", " tbd after ", " gong call ", " gong recording ", " the recording ",
        " coming soon ", " dans gong ", " in gong ", " en gong ", " no gong ", " nel gong ",
        "記入します", "で話します", "確認待ち", "にあります", "之后补充", "等法务", "电话沟通", "在ppt", "稍后补充",
        // later, someone else, the contract or the handoff meeting, in every language
        " to be confirmed ", " tbc ", " will revert ", " get back to you ", " circle back ", " follow up ",
        " per contract ", " per the contract ", " as per contract ", " per msa ", " ask finance ", " ask procurement ",
        " ask legal ", " legal knows ", " with legal ", " to discuss ", " to be discussed ", " let me check ",
        " i'll check ", " i will check ", " need to check ", " need to ask ", " have to ask ", " i'll ask ",
        " i will ask ", " ask them ", " ask her ", " ask him ", " ask the customer ", " ask the client ",
        " they'll tell ", " will tell us ", " will let us know ", " let you know ", " kickoff deck ", " handover call ",
        " handover meeting ", " at handoff ", " at the handoff ", " on the handoff ", " in the handoff ",
        " frag den ", " frag die ", " nachfragen ", " wird geklärt ", " zu klären ", " legal hat ", " einkauf hat ",
        " beim einkauf ", " im vertrag ", " melde ich ", " gebe ich ", " liefere ich ", " sprechen wir ", " im termin ",
        " übergabegespräch ", " pregunta ", " preguntar ", " consultar ", " hay que ver ", " por ver ",
        " lo tiene legal ", " legal lo tiene ", " compras lo tiene ", " en el contrato ", " lo vemos ", " hablamos en ",
        " en la reunión ", " en el traspaso ", " te aviso ", " lo reviso ", " demande ", " demander ", " voir avec ",
        " à voir avec ", " juridique a ", " c'est le juridique ", " dans le contrat ", " à la passation ",
        " je reviens vers ", " je confirme ", " je vérifie ", " à préciser ", " ver com ", " o jurídico tem ",
        " com o jurídico ", " fala com ", " compras tem ", " no contrato ", " conversamos ", " na passagem ",
        " vou confirmar ", " vou ver ", " vou checar ", " chiedere ", " sentire ", " vedere con ", " ce l'ha il ",
        " nel contratto ", " parliamo ", " al passaggio ", " passaggio di consegne ", " ti faccio sapere ",
        " confermo ", " verifico ", " da verificare ", " vragen ", " navragen ", " juridisch heeft ", " inkoop heeft ",
        " bij inkoop ", " in het contract ", " bespreken ", " bij de overdracht ", " in de overdracht ",
        " laat ik weten ", " hoor je ", " nog uitzoeken ",
        "追って", "別途共有", "共有予定", "送ります", "お送りします", "お問い合わせ", "に聞く", "法務に", "購買に",
        "打ち合わせで", "会議で", "ミーティングで", "到时候", "届时", "会后", "问问", "请咨询", "法务那边", "采购那边",
        "销售那边", "再确认", "开会时", "交接时",
        // German
        " siehe ", " steht im ", " steht in ", " steht alles ", " liegt beim ", " liegt bei ", " im crm ",
        " in der mail ", " meine mail ", " besprechen wir ", " erkläre ich ", " erkläre ich dir ", " schreibe ich ",
        " frag ", " fragen sie ", " persönlich ", " im übergabe ", " übergabe-call ", " reiche ich nach ",
        " kommt noch ", " später ", " nachliefern ", " kläre ich ", " melde mich ", " hat die liste ",
        " weiß mehr ", " im anhang ",
        // Spanish
        " ver el ", " ver la ", " ver los ", " ver notas ", " mira ", " está en ", " está todo ", " están en ",
        " lo cuento ", " te cuento ", " lo pasará ", " lo paso ", " te lo paso ", " te mando ", " te lo mando ",
        " más tarde ", " en la llamada ", " las tiene ", " lo tiene ", " la tiene ", " los tiene ", " pregúntale ",
        " pregunta a ", " preguntar a ", " lo confirmo ", " lo confirma ", " por confirmar ", " en el crm ",
        " de palabra ", " en persona ", 
        // French
        " voir ", " c'est dans ", " est dans ", " sont dans ", " je te fais ", " on en parle ", " de vive voix ",
        " je l'écris ", " je te l'envoie ", " je t'envoie ", " a le schéma ", " demande à ", " demander à ",
        " qui a ça ", " a ça ", " à l'appel ", " plus tard ", " je reviens ", " en direct ", " dans le crm ",
        " je t'explique ", " t'expliquer ", " je précise ", " après le débrief ", " dans la fiche ",
        // Portuguese
        " está na ", " está no ", " estão na ", " estão no ", " tá tudo ", " tá na ", " tá no ", " conto na ",
        " falamos na ", " falamos no ", " tem o ", " tem a ", " te mando ", " mando depois ",         " pergunte ", " perguntar ", " pergunta pro ", " pergunta pra ", " na call ", " na reunião de ",
        " a confirmar ", " veja ", " ver no ", " ver na ", " no crm ",
        // Italian
        " vedi ", " vedere ", " trovi tutto ", " trovi ", " ce l'ha ", " ce le ha ", " chiedi ", " chiedere ",
        " te lo mando ", " te la mando ", " te li mando ", " è nella ", " è nel ", " sono nel ", " sono nella ",
        " più avanti ", " lo definiamo ", " la definiamo ", " al kickoff ", " nella call ", " a voce ",
        " nel crm ", " ne parliamo ",
        // Dutch
        " zie ", " zit in ", " zitten in ", " staat in ", " staat alles ", " ligt bij ", " bespreken we ",
        " vraag ik na ", " vraag aan ", " vraag het ", " laat het ", " van hem te horen ", " van haar te horen ",
        " nog checken ", " nog navragen ", " later ", " in de call ", " in het crm ", " stuur ik ",
        " mondeling ",
        // Japanese
        "参照", "を見て", "見てください", "ご確認", "確認してください", "に確認します", "確認します", "確認中", "確認後",
        "が持っています", "が持ってます", "口頭で", "後ほど", "後で", "あとで", "共有します", "お伝えします",
        "説明させて", "聞いてください", "に聞いて", "記載あり", "に記載", "資料を", "で話します", "で説明します",
        // Chinese
        "详见", "参见", "见附件", "见crm", "见商机", "问采购", "问一下", "请问", "电话里", "电话中", "当面", "再说",
        "再同步", "再补", "再发", "再告诉", "那边有", "交接会", "启动会后", "确认后", "稍后", "之后同步", "之后再", "回头", "跟你说",
        "待确认", "待补充",
        // going over it live instead of writing it down
        " go over it ", " go over this ", " go through it ", " go through this ", " over it live ", " it live ",
        " walk through it ", " talk it through ", " in a call ", " on a quick call ", " by phone ",
        // pointing at the contract, a mail or a document, in Chinese and Japanese
        "见合同", "见邮件", "见文档", "见纪要", "见备注", "见会议", "合同里有", "邮件里", "文档里", "参考合同", "契約書を",
        "メールを", "メール参照", "資料参照", "別紙", "添付",
        // Dutch: later, someone else, or in the handover
        " kom ik op terug ", " ik kom erop terug ", " kom erop terug ", " volgt nog ", " volgt later ", " wordt aangevuld ",
        " vul ik later ", " later meer ", " nog te bespreken ", " weet ik nog niet ", " hoor ik nog ", " horen we nog ",
        " afwachten ", " stuur ik na ", " mail ik ", " deel ik ", " zoek ik uit ", " uitzoeken ",
        " heeft de details ", " weet meer ", " kan het uitleggen ", " in het overdrachtsgesprek ", " bij de kick-off ",
        " in de kick-off ", " bij de kickoff ", " in de kickoff ", " bespreek ik ", " licht ik toe ", " toelichten ",
        " in de bijlage ", " zie bijlage ", " in het dossier ", " in de mail ", " in mijn mail ", " in de opp ",
        " navraag ", " even vragen ", " vraag even ", " heeft het overzicht ",
        " op terug ", " kom ik terug ", " nog bepaald ", " nog te bepalen ", " nog niet bekend ", " nog niet duidelijk ",
        " nog onduidelijk ", " volgt na ", " volgt in ", " volgt bij ", " volgt zodra ", " zodra ik ", " als ik meer weet ",
        " vraag maar ", " check bij ", " navragen bij ", " weet het ", " in hubspot ", " in salesforce ",
        // Italian: later, someone else, or written elsewhere
        " ti aggiorno ", " aggiorno dopo ", " aggiorno più ", " lo sa ", " sa tutto ", " chiedi pure ", " da chiedere ",
        " in fase di definizione ", " ancora da ", " quando so ", " appena so ", " appena possibile ", " più tardi ",
        " dopo la call ", " dopo il kickoff ", " nella presentazione ", " nelle slide ", " nel documento ", " nella mail ",
        " nel file ", " sul drive ", " su confluence ", " su notion ", " su gong ", " su hubspot ", " su salesforce ",
        " te ne parlo ", " ne parlo ", " ti racconto ", " ti dico ",         // Chinese: later, offline, someone else, or written elsewhere
        "私聊", "细聊", "再聊", "后续补", "后续再", "后续提供", "晚点", "发你", "发给你", "之后发", "等客户",
        "线下沟通", "线下聊", "会上说", "会上再", "下次再", "再议", "看情况", "以后再说", "在商机", "商机里", "群里",         "问他", "问她", "问销售", "问客户", "问法务", "找法务", "找销售", "找采购", "找他", "找她",         "回头再", "稍后", "改天", "当面聊", "电话聊",         // Japanese: later, in person, ask someone, written elsewhere
        "改めて", "次回の打ち合わせ", "打ち合わせ時", "引き継ぎ時", "引き継ぎ会議",         "お聞きください", "送付します", "にて共有", "記載の通り", "参照ください",
        "ご参照", "直接聞", "が詳しい",     ];

    private static readonly string[] StockPhrases =
    [
        // English
        " the usual ", " usual suspects ", " usual things ", " usual stuff ", " the standard ones ", " big players ",
        " bigger names ", " big names ", " market leaders ", " the main ones ", " the big ones ", " some others ",
        " a few others ", " the others ", " standard setup ", " typical setup ", " standard stack ", " typical stack ",
        " pretty standard ", " fairly standard ", " nothing exotic ", " standard enterprise ", " typical enterprise ",
        " like every project ", " like any project ", " as with any ", " as with every ", " every project ",
        " any project ", " any rollout ", " every rollout ", " the usual risks ", " normal risks ", " standard risks ",
        " mostly microsoft ", " microsoft shop ", " cloud-based ", " cloud-first ", " cloud based ", " cloud first ",
        " a few small things ", " a few things ", " some roadmap ", " some custom ", " some changes ",
        " a few changes ", " a few redlines ", " some redlines ", " a couple of ", " a few exceptions ",
        " lots of support ", " extra support ", " priority support ", " white-glove ", " white glove ",
        " take care of them ", " take good care ", " liked us ", " preferred us ", " just preferred ", " great relationship ",
        " good relationship ", " good fit ", " best fit ", " better product ", " better price ", " good timing ",
        " right time ", " leadership priority ", " competitive pressure ", " their old tool ", " the old solution ",
        " the old system ", " legacy system ", " legacy platform ", " legacy cs ", " old crm ", " their incumbent ",
        " competitor product ", " existing stack ", " manual processes ",
        // more stock answers: any vendor list, any stack, any project
        " the usual names ", " the usual players ", " the usual vendors ", " the big vendors ", " major vendors ",
        " the leaders ", " industry leaders ", " a few vendors ", " several vendors ", " multiple vendors ",
        " a handful of ", " some startups ", " the big guys ", " the obvious ones ", " the incumbents ", " others in the space ",
        " nothing special ", " nothing unusual ", " nothing fancy ", " the usual stack ", " usual stack ",
        " standard stack ", " standard tools ", " standard systems ", " typical stack ", " typical tools ",
        " standard microsoft ", " standard google ", " classic setup ", " normal setup ", " normal stack ",
        " like any other ", " like all projects ", " as always ", " as usual ", " the usual challenges ",
        " usual challenges ", " typical risks ", " typical challenges ", " nothing major ",
        " back and forth ", " a few clauses ", " some clauses ", " minor changes ", " small changes ", " a few tweaks ",
        " some tweaks ", " the usual onboarding ", " extra help ", " more support ",
        " full support ", " great support ", " we'll support ", " we will support ", " we'll help ", " we will help ",
        " loved the demo ", " liked the demo ", " good chemistry ", " great fit ",
        " strong fit ", " perfect fit ", " the right fit ", " better fit ", " better features ", " more features ",
        " better ux ", " better value ", " best value ", " best product ", " good vibes ",
        " the right moment ", " the timing was right ", " it was time ", " good time ", " wanted to grow ",
        " wanted to improve ", " wanted better ", " needed better ", " digital transformation ", 
        " their current tool ", " their current system ", " the current tool ", " the current system ",
        " their existing tool ", " the existing tool ", " in-house stuff ", " old tool ", " old system ", " old stuff ",
        " corporativo padrão ", " stack padrão ", " ambiente padrão ", " configuração padrão ", " padrão de mercado ",
        " configuración estándar ", " entorno estándar ", " stack estándar ", " configuration standard ",
        " environnement standard ", " stack standard ", " ambiente standard ", " stack standaard ", " standaardomgeving ",
        " standardumgebung ", " standard-umgebung ", " übliche stack ", " üblichen tools ", " das übliche ", " wie immer ",
        " nichts besonderes ", " nichts ungewöhnliches ", " die bekannten ", " ein paar andere ", " ein paar anbieter ",
        " lo habitual ", " lo normal ", " los habituales ", " los grandes del ", " como siempre ", " nada especial ",
        " nada raro ", " algunos proveedores ", " varios proveedores ", " el de siempre ", " la de siempre ",
        " comme d'habitude ", " les habituels ", " rien de spécial ", " rien de particulier ", " quelques acteurs ",
        " plusieurs fournisseurs ", " les leaders ", " comme toujours ", " o habitual ", " o normal ", " como sempre ",
        " nada de especial ", " alguns fornecedores ", " vários fornecedores ", " os líderes ", " i soliti noti ",
        " come sempre ", " niente di speciale ", " alcuni fornitori ", " vari fornitori ", " i leader ", " il classico ",
        " zoals altijd ", " niets bijzonders ", " niets speciaals ", " een paar leveranciers ", " enkele leveranciers ",
        " de bekende ", " de usual ", " het gebruikelijke ",
        "普通の", "通常の", "一般的", "特になし特に", "特別なことはない", "特にない", "いつも通り", "ありきたり", "大手数社",
        "主要ベンダー", "普通的", "一般的", "常见的", "没什么特别", "主流厂商", "大厂商", "照常", "老样子",
        // praise, motives and hedges that fit any deal, in every language
        " nothing out of the ordinary ", " run of the mill ", " standard stuff ", " typical stuff ", " boilerplate ",
        " same as everyone ", " same as always ", " like everyone ", " like most ", " all the usual ",
        " you'd expect ", " the normal ", " normal stuff ", " industry standard ", " best practice ", " best practices ",
        " market standard ", " no surprises ", " pretty typical ", " fairly typical ", " very standard ",
        " quite standard ", " as expected ", " good product ", " great product ", " strong product ",
        " better solution ", " best solution ", " best overall ", " overall solution ", " the whole package ",
        " complete package ", " all-in-one ", " great team ", " strong team ", " good team ", " great demo ",
        " strong demo ", " good demo ", " good people ", " nice people ", " trusted us ", " felt right ",
        " gut feeling ", " good feeling ", " chemistry ", " the time was right ", " right timing ",
        " time to change ", " needed a change ", " wanted a change ", " growing fast ", " fast growth ",
        " scaling up ", " next level ", " efficiency gains ", " more efficient ", " save time ", " save money ",
        " cost savings ", " better visibility ", " more visibility ", " better insights ", " data-driven ",
        " strategic priority ", " top priority ", " adoption risk ", " low adoption ", " user adoption ",
        " resistance to change ", " change resistance ", " internal politics ", " budget constraints ",
        " timeline risk ", " tight timeline ", " resource constraints ", " limited resources ",
        " competing priorities ", " nothing we can't ", " manageable ", " should be fine ", " should be ok ",
        " nothing big ", " bessere lösung ", " beste lösung ", " gutes produkt ", " gute demo ", " gutes team ",
        " die chemie ", " passt einfach ", " der richtige zeitpunkt ", " richtige zeitpunkt ", " effizienter werden ",
        " effizienter arbeiten ", " mehr transparenz ", " mehr effizienz ", " digitale transformation ",
        " interne politik ", " mejor solución ", " buen producto ", " buena demo ", " buen equipo ", " buena química ",
        " momento adecuado ", " era el momento ", " más eficientes ", " más eficiencia ", " más visibilidad ",
        " resistencia al cambio ", " política interna ", " meilleure solution ", " bon produit ", " bonne démo ",
        " bonne équipe ", " bon feeling ", " bon contact ", " gagner en efficacité ", " plus d'efficacité ",
        " plus de visibilité ", " résistance au changement ", " politique interne ", " melhor solução ",
        " bom produto ", " boa demo ", " bom time ", " boa química ", " momento certo ", " ganhar eficiência ",
        " mais eficiência ", " mais visibilidade ", " resistência à mudança ", " política interna ",
        " soluzione migliore ", " miglior soluzione ", " buon prodotto ", " bella demo ", " buona demo ",
        " buon team ", " buona intesa ", " momento giusto ", " più efficienza ", " più efficienti ",
        " maggiore visibilità ", " resistenza al cambiamento ", " politica interna ", " betere oplossing ",
        " beste oplossing ", " goed product ", " goede demo ", " goed team ", " juiste moment ", " meer efficiëntie ",
        " meer inzicht ", " weerstand tegen verandering ", " interne politiek ", " best effort ", " great service ",
        " smooth onboarding ", " regular check-ins ", " mejor esfuerzo ", " soporte total ", " sur mesure ",
        " suporte total ", " massimo supporto ", " volledige ondersteuning ", " volle unterstützung ",
        " some custom terms ", " minor legal ", " legal tweaks ", " special conditions ", " pricing concessions ",
        " flexible payment ", " better payment terms ", " extended payment terms ", " condiciones especiales ",
        " conditions particulières ", " sonderkonditionen ", " condições especiais ", " condizioni particolari ",
        " speciale voorwaarden ", " everything in the cloud ", " all in the cloud ", " todo en la nube ",
        " alles in der cloud ", " tout dans le cloud ", " tudo na nuvem ", " tutto in cloud ", " alles in de cloud ",
        " modern stack ", " standard saas ",
        " mostly google ", " mostly aws ", " mostly azure ", " all microsoft ", " all google ", " google shop ",
        " aws shop ", " azure shop ", " ambiente microsoft ", " entorno microsoft ", " microsoft-umgebung ",
        " microsoft-omgeving ", " microsoft omgeving ", " ambiente google ", " entorno google ", " stack microsoft ",
        " microsoft stack ", " google stack ", " special conditions ", "特別な条件", "特殊条件", "一些条款", "专人跟进",
        "製品が良", "対応が良", "相性が良", "タイミングが良", "効率化したい", "見える化したい", "dx推進", "定着が課題",
        "社内政治", "手厚いサポート", "丁寧に", "きめ細かく", "特別条件", "若干", "多少", "产品好", "服务好", "体验好",
        "时机合适", "时机成熟", "提高效率", "推广落地", "内部阻力", "全力配合", "尽力支持", "全面支持", "重点支持",
        "优先支持", "随时支持", "特殊条款", "全部上云", "クラウド中心",
        // German
        " die üblichen ", " üblichen verdächtigen ", " die großen ", " großen player ", " standard-setup ",
        " standard setup ", " wie bei jedem ", " jedem projekt ", " die üblichen risiken ", " einige ",
        " ein paar ", " etwas unterstützung ", " wir kümmern uns ", " mochten uns ", " besseres produkt ",
        " bessere auswertungen ", " das altsystem ", " bisherige lösung ", " altes system ", " guter partner ",
        " wie üblich ", " nichts besonderes ",
        // Spanish
        " los de siempre ", " lo típico ", " lo de siempre ", " los grandes ", " algunos otros ", " como en todo ",
        " todo proyecto ", " cualquier proyecto ", " varias herramientas ", " el sistema antiguo ", " sistema actual ",
        " la herramienta actual ", " unas cuantas ", " unos cuantos ", " algunas ", " algunos ", " les ayudaremos ",
        " en lo que necesiten ", " mejor producto ", " mejor relación ", " les gustó ", " de primera ",
        " mejorar la ", " más o menos ", 
        // French
        " les gros ", " gros acteurs ", " les grands ", " les habituels ", " risques habituels ", " configuration classique ",
        " le classique ", " comme tout projet ", " comme dans tout ", " tout projet ", " quelques ",
        " des modifications ", " leur outil actuel ", " l'outil actuel ", " ancien système ", " on va bien ",
        " bien s'occuper ", " bon fit ", " meilleur produit ", " meilleures analyses ", " bon moment ",
        " environnement microsoft ", 
        // Portuguese
        " os grandes ", " os de sempre ", " o de sempre ", " a ferramenta atual ", " sistema antigo ",
        " sistema atual ", " como em todo ", " todo projeto ", " uns ajustes ", " alguns ", " algumas ",
        " algum desenvolvimento ", " cuidaremos ", " melhor produto ", " melhor relacionamento ", " bom fit ",
        " melhorar os ", " lá pelo ",
        // Italian
        " i grandi ", " grandi nomi ", " i soliti ", " il solito ", " la solita ", " soliti rischi ", " qualche ",
        " il sistema attuale ", " sistema attuale ", " vecchio sistema ", " come ogni progetto ", " ogni progetto ",
        " configurazione standard ", " li seguiremo ", " è piaciuta ", " piaciuta la demo ", " miglior prodotto ",
        " più visibilità ",
        // Dutch
        " de gebruikelijke ", " gebruikelijke ", " de grote ", " standaard setup ",  " zoals bij elk ",
        " elk project ", " wat juridische ", " het oude systeem ", " oude systeem ", " goede begeleiding ",
        " goede klik ", " beter product ", " efficiënter werken ", " beter bedienen ",
        // Japanese
        "いつもの", "よくある", "いくつか", "しっかり", "特に変わった", "標準的な", "どのプロジェクトでも", "一般的な",
        "業務効率化", "顧客体験の向上", "良かった", "現行ツール", "既存システム", "旧システム", "大手",
        // Chinese
        "几家", "一些", "有些", "大厂", "全力支持", "照顾好", "标准云", "标准环境", "常规", "每个项目都", "提升效率",
        "优化客户体验", "数字化转型", "比较契合", "效果好", "老系统", "现有系统", "旧系统", "左右",
    ];

    private static readonly SearchValues<string> Deferral = SearchValues.Create(DeferralPhrases, StringComparison.Ordinal);
    private static readonly SearchValues<string> Either = SearchValues.Create([.. DeferralPhrases, .. StockPhrases], StringComparison.Ordinal);

    /// <summary>Whether any phrase of either list is in the value: one pass, so the answers that match none (most) pay once.</summary>
    public static bool AnyPhrase(ReadOnlySpan<char> folded) => folded.IndexOfAny(Either) >= 0;
    private static readonly SearchValues<string> Stock = SearchValues.Create(StockPhrases, StringComparison.Ordinal);

    /// <summary>Where the value defers or points elsewhere, or -1; <paramref name="folded"/> comes from <see cref="Fold"/>.</summary>
    public static int FindDeferral(ReadOnlySpan<char> folded) => folded.IndexOfAny(Deferral);

    /// <summary>Where the value uses a stock phrase that fits any customer, or -1.</summary>
    public static int FindStock(ReadOnlySpan<char> folded) => folded.IndexOfAny(Stock);

    /// <summary>The phrase found at <paramref name="at"/>, for the reason an AE reads (a verdict that fires, so rare).</summary>
    public static string PhraseAt(ReadOnlySpan<char> folded, int at, bool deferral)
    {
        var best = "";
        foreach (var p in deferral ? DeferralPhrases : StockPhrases)
            if (p.Length > best.Length && folded[at..].StartsWith(p, StringComparison.Ordinal)) best = p;
        return best.Trim();
    }

    /// <summary>Most characters are ASCII: lower-cased letters, digits, apostrophe and hyphen kept, the rest '\0' (a space).</summary>
    private static readonly char[] AsciiFold = Enumerable.Range(0, 128)
        .Select(c => char.IsAsciiLetterOrDigit((char)c) || c is '\'' or '-' ? char.ToLowerInvariant((char)c) : '\0').ToArray();

    /// <summary>
    /// Lower case; every character that is not a letter, digit, apostrophe or hyphen becomes a space; runs of spaces
    /// as one; a space at both ends. Returns the length written (at most <see cref="MaxFolded"/>).
    /// </summary>
    public static int Fold(ReadOnlySpan<char> s, Span<char> dest)
    {
        var n = 0;
        dest[n++] = ' ';
        foreach (var raw in s)
        {
            if (n >= dest.Length - 1) break;
            if (raw < 128)
            {
                var folded = AsciiFold[raw];
                if (folded != '\0') dest[n++] = folded;
                else if (dest[n - 1] != ' ') dest[n++] = ' ';
                continue;
            }
            var c = raw == '’' ? '\'' : raw;
            if (char.IsLetterOrDigit(c) || c is '\'' or '-' || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark)
                dest[n++] = c < 128 ? (char)(char.IsAsciiLetterUpper(c) ? c | 0x20 : c) : char.ToLowerInvariant(c);
            else if (dest[n - 1] != ' ')
                dest[n++] = ' ';
        }
        if (dest[n - 1] != ' ') dest[n++] = ' ';
        return n;
    }
}
