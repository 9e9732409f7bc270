package clinic.followup.api;

import java.util.List;

/** The survey page's words, in Chinese (the default) and English. */
public record SurveyTexts(String lang, String htmlLang, String title, String intro, String csatQuestion,
                          List<String> csatLabels, String npsQuestion, String npsLow, String npsHigh,
                          String commentLabel, String submit, String thanks, String thanksBody, String alreadyAnswered,
                          String expired, String notAvailable, String notFound, String missingScore,
                          String otherLanguage, String otherLang) {

    static final SurveyTexts ZH = new SurveyTexts("zh", "zh-CN", "服务满意度调查",
            "感谢您给我们机会处理您的反馈。请花一分钟告诉我们您的感受。",
            "您对本次投诉处理的满意程度如何？", List.of("非常不满意", "不满意", "一般", "满意", "非常满意"),
            "您有多大可能向亲友推荐我们？", "完全不可能", "极有可能",
            "还有什么想告诉我们的吗？（选填）", "提交",
            "谢谢您！", "我们已收到您的评价。", "此问卷已经填写过，感谢您的参与。",
            "此问卷已过期（开放 28 天）。如需帮助，请联系门店。", "此问卷暂不可填写。", "找不到此问卷，请检查链接。",
            "请为两个问题都选择一个分数。", "English", "en");

    static final SurveyTexts EN = new SurveyTexts("en", "en", "How did we do?",
            "Thank you for giving us the chance to put things right. Please take a minute to tell us how it went.",
            "How satisfied are you with how your complaint was handled?",
            List.of("Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied"),
            "How likely are you to recommend us to a friend or relative?", "Not at all likely", "Extremely likely",
            "Anything else you would like to tell us? (optional)", "Send",
            "Thank you!", "We have your answer.", "This survey has already been answered. Thank you for taking part.",
            "This survey has expired (it was open for 28 days). Please contact your clinic if you need help.",
            "This survey is not open.", "There is no such survey. Please check the link.",
            "Please choose a score for both questions.", "中文", "zh");

    /** {@code lang} when given (zh, en), else the browser's first language, else Chinese. */
    static SurveyTexts pick(String lang, String acceptLanguage) {
        if (lang != null) {
            return lang.toLowerCase().startsWith("en") ? EN : ZH;
        }
        return acceptLanguage != null && acceptLanguage.toLowerCase().startsWith("en") ? EN : ZH;
    }
}
