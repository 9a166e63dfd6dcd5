using System.Collections.Frozen;

namespace Baton.Domain.Quality;

/// <summary>
/// How much of a Chinese or Japanese answer is left once its stock words are set aside: "希望提升效率、优化客户体验"
/// and "現行ツール" leave nothing, "客服团队流动率高，一半是新人" and "飞书、纷享销客" leave the facts.
/// </summary>
/// <remarks>
/// Chinese and Japanese have no spaces, so words cannot be looked up one by one. The value is read left to right and
/// the longest stock word starting at each character is skipped; kana that only carry grammar
/// (hiragana) are skipped too. What is left are the characters that say something about this customer. Only values
/// with Chinese or Japanese in them come here, so Latin answers pay nothing.
/// </remarks>
internal static class CjkContent
{
    /// <summary>A product or system named in Chinese or Japanese is at least two characters ("钉钉", "飞书", "奉行").</summary>
    public const int NameMinLetters = 2;

    /// <summary>A why, risk or criteria answer says something once three characters of it are not stock words.</summary>
    public const int ContentMinLetters = 3;

    /// <summary>The longest stock word: katakana loanwords run long ("プラットフォーム").</summary>
    private const int MaxTerm = 8;

    /// <summary>Function words, praise, business abstractions and categories of system, in Chinese and Japanese.</summary>
    private static readonly string[] StockWords =
    [
        // Chinese: function words and hedges
        "的", "了", "是", "在", "和", "与", "及", "等", "也", "都", "很", "更", "有", "就", "会", "要", "把", "被", "对",
        "让", "给", "从", "到", "这", "那", "个", "们", "我", "你", "他", "她", "它", "吧", "呢", "啊", "一", "些", "还",
        "又", "而", "且", "并", "但", "或", "非常", "比较", "特别", "一些", "一点", "一直", "主要", "整体", "总体", "各种",
        "方面", "这个", "那个", "我们", "他们", "客户", "对方", "公司", "大家", "所有", "全部", "都是", "可以", "能够",
        "希望", "想要", "需要", "觉得", "认为", "喜欢", "满意", "很好", "不错", "比较好", "更好", "最好", "好", "用",
        "现在", "目前", "之前", "以前", "现有", "现行", "原有", "原来", "老", "旧", "新", "常见", "普通", "一般", "标准",
        "常规", "传统", "正常", "通用", "基本", "其他", "别的", "几个", "几家", "多家", "一家", "家", "重要", "重视",
        "一环", "高度", "提升", "提高", "优化", "改善", "加强", "增强", "推进", "推动", "实现", "落地", "推广", "支持",
        "全力", "尽力", "全面", "重点", "优先", "随时", "配合", "照顾", "跟进", "服务", "帮助", "协助", "保障",
        // Chinese: business abstractions and categories
        "效率", "体验", "客户体验", "用户体验", "价格", "价值", "成本", "费用", "性价比", "功能", "产品", "方案", "解决方案",
        "系统", "工具", "平台", "软件", "环境", "云", "云端", "上云", "数据", "报表", "分析", "可视化", "流程", "管理",
        "管理层", "领导", "高层", "团队", "业务", "战略", "数字化", "转型", "创新", "增长", "发展", "竞争", "市场",
        "风险", "问题", "挑战", "资源", "预算", "时间", "时机", "合适", "成熟", "契合", "匹配", "易用", "好用", "方便",
        "简单", "稳定", "安全", "集成", "对接", "实施", "上线", "培训", "项目", "合作", "关系", "信任", "厂商", "供应商",
        "大厂", "主流", "品牌", "竞品", "对手", "技术", "架构", "部署", "维护", "升级", "替换", "迁移", "定制", "开发",
        "额外", "更多", "一些", "部分", "相关", "情况", "东西", "事情", "方式", "能力", "水平", "质量", "效果", "结果",
        "重要一环", "非常重视", "战略的", "体系", "整合", "协同", "办公", "自动化", "智能", "信息化",
        // Japanese: grammar in kanji, hedges and business abstractions
        "的", "等", "特", "特に", "全社", "全社的", "一環", "取組", "取り組", "目指", "向上", "改善", "強化", "推進", "実現",
        "効率", "効率化", "業務", "顧客", "体験", "顧客体験", "価格", "費用", "コスト", "機能", "製品", "サービス",
        "サポート", "フォロー", "対応", "支援", "全力", "丁寧", "手厚", "柔軟", "迅速", "安心", "信頼", "関係", "相性",
        "使", "使い", "簡単", "便利", "安定", "安全", "セキュリティ", "連携", "導入", "運用", "活用", "定着", "推奨",
        "システム", "ツール", "プラットフォーム", "ソリューション", "クラウド", "環境", "データ", "レポート", "分析",
        "可視化", "見える化", "管理", "現行", "既存", "従来", "旧", "新", "標準", "一般", "普通", "通常", "大手", "主要",
        "各社", "数社", "他社", "競合", "ベンダー", "会社", "当社", "弊社", "御社", "先方", "担当", "チーム", "部門",
        "経営", "経営層", "上層部", "方針", "戦略", "課題", "問題", "リスク", "懸念", "不安", "時期", "タイミング",
        "予算", "時間", "工数", "リソース", "体制", "社内", "社内政治", "理解", "納得", "評価", "判断", "重要", "重視",
        "必要", "十分", "最適", "良", "良い", "高", "高い", "低", "多", "少", "大", "小", "様々", "色々", "テーマ",
        "プロジェクト", "案件", "要件", "要望", "期待", "意向", "変", "変わった", "物", "事", "方", "感", "感じ", "点",
        "的な", "同様", "全体", "部分", "全般", "以上", "程度", "目的", "効果", "成果", "品質", "価値", "メリット",
        "一緒", "伴走", "万全", "充実", "最大限", "全面", "優先", "特別", "個別", "追加", "開発", "カスタマイズ",
        // more Chinese praise, hedges and business abstractions
        "专业", "口碑", "认可", "信赖", "态度", "响应", "及时", "优势", "更适合", "适合", "需求", "满足", "痛点",
        "降本增效", "降本", "增效", "提效", "规范", "标准化", "精细化", "运营", "赋能", "闭环", "打通", "一体化", "全流程",
        "全链路", "效能", "换代", "老旧", "落后", "不好用", "难用", "灵活", "稳定性", "扩展", "扩展性",
        "可扩展", "定制化", "个性化", "安全性", "合规", "考虑", "综合", "综合考虑", "各方面", "多方面", "领先", "行业",
        "头部", "同行", "其他家", "别家", "友商", "常用", "那些", "之类", "什么", "等等", "这些", "那些", "东西", "感觉",
        "印象", "满意度", "积极", "配合度", "意愿", "强烈", "迫切", "紧迫", "压力", "竞争力", "环境下", "形势", "趋势",
        "时间点", "节点", "阶段", "目标", "计划", "规划", "方向", "重心", "核心", "关键", "重点工作",         "整个", "全公司", "部门", "人员", "员工", "同事", "大家", "团队协作", "沟通", "交流", "协作", "效率低",
        "不够", "不足", "缺乏", "欠缺", "更加", "进一步", "持续", "不断", "尽快", "快速", "高效", "便捷", "简洁", "直观",
        "界面", "操作", "上手", "易上手", "学习", "成本低", "价格低", "价格优势", "报价", "折扣", "优惠", "条款", "特殊",
        "一些", "若干", "少量", "部分条款", "修改", "调整", "变更", "协商", "谈判", "法务", "合同", "条件",
        // more Japanese praise, hedges and business abstractions
        "使い勝手", "勝手", "分かりやす", "わかりやす", "操作性", "操作", "直感的", "知名度",
        "ブランド", "安心感", "サポート体制", "対応力", "提案力", "熱意", "誠意", "スピード感", "スピード", "コスパ",
        "費用対効果", "総合的", "総合", "比較", "検討", "結果", "最終的", "決め手", "好評", "好感", "印象",         "汎用", "拡張性", "柔軟性", "安定性", "信頼性", "利便性", "生産性", "効率性", "標準化", "最適化", "省力化", "自動化",
        "デジタル化", "改革", "刷新", "老朽化", "更新", "入れ替え", "切り替え", "移行", "早期", "早め", "円滑",
        "スムーズ", "条件", "条項", "修正", "変更", "調整", "交渉", "法務", "契約", "若干",         "全般的", "本格的", "積極的", "前向", "意欲", 
    ];

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Stock =
        StockWords.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Ideographs and katakana that no stock word covers.</summary>
    public static int Residue(ReadOnlySpan<char> s)
    {
        var residue = 0;
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (!SpecificRule.IsCjk(c) || c is >= '\u3040' and <= '\u309F')
            {
                i++;
                continue;
            }
            var matched = 0;
            for (var len = Math.Min(MaxTerm, s.Length - i); len >= 1; len--)
                if (Stock.Contains(s.Slice(i, len)))
                {
                    matched = len;
                    break;
                }
            if (matched == 0)
            {
                residue++;
                i++;
            }
            else i += matched;
        }
        return residue;
    }
}
