#include <rabta/boilerplate.h>
#include <rabta/date.h>

#include <string>
#include <thread>
#include <vector>

#include "support.h"

using namespace rabta;

TEST_CASE("line rules on real boilerplate from the seeds and corpus outlets") {
    const Boilerplate& bp = Boilerplate::embedded();
    struct Row {
        const char* line;
        LineAction action;
        const char* rule;
    };
    const Row rows[] = {
        // seeds
        {"(جاری ہے)", LineAction::drop, "continued"},
        {"Post Views: 1", LineAction::drop, "post-views"},
        {"Please enter your comment!", LineAction::drop, "comment-form"},
        {"جواب چھوڑیں", LineAction::drop, "comment-form"},
        {"  • May, 15th, 25", LineAction::drop, "site-header-bullet"},
        {"819", LineAction::drop, "view-count"},
        {"کلیدی لفظ: ایس سی او", LineAction::drop, "keyword-line"},
        {"یہ بھی پڑھیے:", LineAction::drop_block, "related-links"},
        {"پڑھیں:", LineAction::split_story, "read-also"},
        {"بیجنگ میں منعقدہ گلوبل ڈیجیٹل اکانومی کانفرنس 2024 کے دوران ہونے والے  پینل مباحثے کا "
         "ایک منظر۔ (شِنہوا)",
         LineAction::drop, "caption-xinhua"},
        // BBC Urdu (corpus)
        {"End of سب سے زیادہ پڑھی جانے والی", LineAction::drop, "bbc-most-read"},
        {"،تصویر کا ذریعہGetty Images", LineAction::drop, "bbc-image-source"},
        {"بی بی سی اردو کی خبروں اور فیچرز کو اپنے فون پر حاصل کریں اور سب سے پہلے جانیں پاکستان "
         "اور دنیا بھر سے "
         "ان کہانیوں کے بارے میں جو آپ کے لیے معنی رکھتی ہیں",
         LineAction::drop, "bbc-promo"},
        {"سبسکرائب کرنے کے لیے کلک کریں", LineAction::drop, "subscribe"},
        {"مواد پر جائیں", LineAction::drop, "skip-to-content"},
        {"©2026 بی بی سی. بی بی سی بیرونی ویب سائٹس کے مواد کا ذمہ دار نہیں ہے", LineAction::drop,
         "bbc-copyright"},
        {"X پوسٹ کا اختتام", LineAction::drop, "embed-notice"},
        {"مواد دستیاب نہیں ہے", LineAction::drop, "embed-notice"},
        {"میزبان: عالیہ نازکی", LineAction::drop, "credits"},
        {"<link type=\"page\"><caption>", LineAction::drop, "html-remnant"},
        // story text stays
        {"پاکستان ٹیلی ویژن (PTV) اور چائنا سینٹرل ٹیلی ویژن (CCTV) کے درمیان خبروں کے تبادلے کے "
         "معاہدے پر بھی گفتگو ہوئی۔",
         LineAction::keep, ""},
        {"2024 میں ایس سی او کے رکن ممالک کی آن لائن ریٹیل مارکیٹ کا پیمانہ 3.", LineAction::keep,
         ""},
    };
    for (const auto& r : rows) {
        INFO(r.line);
        LineVerdict v = bp.classify(r.line);
        CHECK(v.action == r.action);
        CHECK(v.rule == r.rule);
    }
    LineVerdict src = bp.classify("ذریعہ: Daily Mumtaz");
    CHECK(src.action == LineAction::outlet);
    CHECK(src.outlet == "Daily Mumtaz");
}

TEST_CASE(
    "datelines of UrduPoint, APP, Xinhua, Nawa-i-Waqt, ARY and Geo; not Samaa's or Jang's "
    "glosses") {
    const Boilerplate& bp = Boilerplate::embedded();
    struct Row {
        const char* line;
        const char* city;
        const char* outlet;
        const char* agency;
        const char* date;  // ISO, or "" when the dateline has none
        const char* rest;  // what follows the dateline
    };
    const Row rows[] = {
        {"اسلام آباد (اُردو پوائنٹ اخبارتازہ ترین - آن لائن۔ 10 جولائی2025ء) وزیراعظم محمد شہباز "
         "شریف سے",
         "اسلام آباد", "اُردو پوائنٹ", "آن لائن", "2025-07-10", "وزیراعظم محمد شہباز شریف سے"},
        {"لاہور (اُردو پوائنٹ اخبارتازہ ترین - اے پی پی۔ 02 مارچ2023ء) انٹلیکچوئل پراپرٹی", "لاہور",
         "اُردو پوائنٹ", "اے پی پی", "2023-03-02", "انٹلیکچوئل پراپرٹی"},
        {"دیر لو ئر، 19 اپریل (اُردو پوائنٹ اخبارتازہ ترین - اے پی پی۔ 19 اپریل2022ء) ضلعی انتظامیہ",
         "دیر لو ئر", "اُردو پوائنٹ", "اے پی پی", "2022-04-19", "ضلعی انتظامیہ"},
        {"راولپنڈی۔ (اُردو پوائنٹ اخبارتازہ ترین - اے پی پی۔ 30 مارچ2022ء) پولیس", "راولپنڈی",
         "اُردو پوائنٹ", "اے پی پی", "2022-03-30", "پولیس"},
        {"ڈھاکہ ۔ یکم دسمبر (اے پی پی) بنگلہ دیش نے زمبابوے کو", "ڈھاکہ", "", "اے پی پی", "",
         "بنگلہ دیش نے زمبابوے کو"},
        {"بیجنگ ۔02 اگست (اے پی پی) چین میں فیکٹری میں دھماکے", "بیجنگ", "", "اے پی پی", "",
         "چین میں فیکٹری میں دھماکے"},
        {"میر پور(وقت نیوز) بنگلہ دیش نے 5 میچوں", "میر پور", "", "وقت نیوز", "",
         "بنگلہ دیش نے 5 میچوں"},
        {"بیجنگ (شِنہوا) بیجنگ میں منعقدہ", "بیجنگ", "", "شِنہوا", "", "بیجنگ میں منعقدہ"},
        {"کراچی : وزیر اطلاعات سندھ شرجیل میمن", "کراچی", "", "", "",
         "وزیر اطلاعات سندھ شرجیل میمن"},
        {"اسلام آباد۔۔۔۔۔سابق صدر پرویز مشرف نے", "اسلام آباد", "", "", "",
         "سابق صدر پرویز مشرف نے"},
    };
    for (const auto& r : rows) {
        INFO(r.line);
        auto d = bp.dateline(r.line);
        REQUIRE(d);
        CHECK(d->city == r.city);
        CHECK(d->outlet == r.outlet);
        CHECK(d->agency == r.agency);
        if (*r.date) CHECK(parse_date(d->date_text).value_or("") == r.date);
        std::string_view rest = std::string_view(r.line).substr(d->length);
        while (rest.starts_with(" "))
            rest.remove_prefix(1);
        CHECK(rest == r.rest);
    }
    // a sentence, an acronym gloss or a horoscope is not a dateline (Samaa, Jang, Express)
    CHECK_FALSE(bp.dateline("وفاقی وزیر سید امین الحق نے کہا کہ پاکستان کوریا کے ساتھ تعلقات"));
    CHECK_FALSE(bp.dateline("پاکستان تحریک انصاف ( پی ٹی آئی ) کے احتجاج کے باعث"));
    CHECK_FALSE(bp.dateline("اقتصادی رابطہ کمیٹی ( ای سی سی ) نے بجلی صارفین کے لیے"));
    CHECK_FALSE(bp.dateline("پاکستان اسٹاک ایکسچینج (پی ایس ایکس) میں آج کاروبار"));
    CHECK_FALSE(
        bp.dateline("بھارتی طالب علم کی مختصر فلم (Sunflowers Were the First Ones to Know) نے"));
    CHECK_FALSE(bp.dateline("حمل: 21مارچ تا21اپریل کاروباری معاملات"));
    CHECK_FALSE(bp.dateline("انٹرنیشنل مانیٹری فنڈ ( آئی ایم ایف ) مشن نے پاکستان"));
    CHECK_FALSE(bp.dateline("پاکستان اسٹاک ایکسچینج (پی ایس ایکس) چار کاروباری دنوں"));
}

TEST_CASE("the outlet of a URL comes from its host") {
    const Boilerplate& bp = Boilerplate::embedded();
    CHECK(bp.outlet_for_url("https://www.express.pk/story/2734977/even-today") == "Express");
    CHECK(bp.outlet_for_url("https://urdu.geo.tv/latest/386103-") == "Geo");
    CHECK(bp.outlet_for_url("https://urdu.arynews.tv/hinas-6th-gen") == "ARY News");
    CHECK(bp.outlet_for_url("https://www.bbc.com/urdu/articles/cvgq83q15y5o") == "BBC Urdu");
    CHECK(bp.outlet_for_url("https://www.urdupoint.com/business/news-detail/live-news-349") ==
          "UrduPoint");
    CHECK(bp.outlet_for_url("https://notexpress.pk/x").empty());
    CHECK(bp.outlet_for_url("").empty());
}

TEST_CASE("the literal pre-filter never hides a match: optional, escaped, grouped and cased text") {
    // Rules written to trip a pre-filter that required too much: an optional
    // colon, a quantified group, Latin letters under case-insensitive matching,
    // an escaped parenthesis, a lookahead, a top-level alternation.
    const Boilerplate bp = Boilerplate::load("test-rules.json", R"json({
      "version": 1,
      "max_headline_bytes": 300,
      "lines": [
        {"id": "optional-colon", "action": "drop", "match": "^پڑھیں ?:?$"},
        {"id": "quantified-group", "action": "drop", "match": "^(مزید )?تفصیل(ات)*$"},
        {"id": "cased", "action": "drop", "match": "^POST Views: ?[0-9]+$"},
        {"id": "escaped", "action": "drop", "match": "\\(شنہوا\\)$"},
        {"id": "lookahead", "action": "drop", "match": "^خبر(?!نامہ) ?ختم"},
        {"id": "alternation", "action": "drop", "match": "^ٹیگز|جاری ہے$"}
      ],
      "datelines": [
        {"id": "colon", "match": "^(?<city>[^()\\n:،۔ ]{2,20}) ?: (?![0-9])"}
      ],
      "date_labels": ["^اشاعت کی تاریخ ?: ?"],
      "outlets_by_host": []
})json");
    CHECK(bp.classify("پڑھیں").rule == "optional-colon");
    CHECK(bp.classify("پڑھیں:").rule == "optional-colon");
    CHECK(bp.classify("تفصیل").rule == "quantified-group");
    CHECK(bp.classify("مزید تفصیلات").rule == "quantified-group");
    CHECK(bp.classify("post views: 12").rule == "cased");
    CHECK(bp.classify("Post VIEWS:12").rule == "cased");
    CHECK(bp.classify("بیجنگ میں نمائش (شِنہوا)").rule == "escaped");
    CHECK(bp.classify("خبر ختم").rule == "lookahead");
    CHECK(bp.classify("کہانی جاری ہے").rule == "alternation");
    // and a line that holds none of a rule's characters is kept
    CHECK(bp.classify("بیجنگ میں نمائش شنہوا").action == LineAction::keep);
    CHECK(bp.classify("post views 12").action == LineAction::keep);
    auto d = bp.dateline("کراچی : وزیر اطلاعات");
    REQUIRE(d);
    CHECK(d->city == "کراچی");
    CHECK_FALSE(bp.dateline("کراچی میں وزیر اطلاعات"));
    CHECK(bp.strip_date_label("اشاعت کی تاریخ: 10 جولائی") == "10 جولائی");
}

TEST_CASE("boilerplate verdicts agree across threads, each with its own matchers") {
    const Boilerplate& bp = Boilerplate::embedded();
    const std::vector<std::string> lines = {
        "(جاری ہے)", "Post Views: 1204", "پڑھیں:", "وزیراعظم شہباز شریف نے کہا", "مواد پر جائیں"};
    std::vector<std::string> here;
    for (const auto& l : lines)
        here.push_back(bp.classify(l).rule);
    std::vector<std::vector<std::string>> there(4);
    std::vector<std::thread> threads;
    for (auto& out : there)
        threads.emplace_back([&] {
            for (int k = 0; k < 50; ++k)
                for (const auto& l : lines)
                    if (k == 49) out.push_back(bp.classify(l).rule);
        });
    for (auto& t : threads)
        t.join();
    CHECK(here[0] == "continued");
    CHECK(here[3].empty());
    for (const auto& out : there)
        CHECK(out == here);
}
