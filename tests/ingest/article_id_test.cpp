#include <rabta/article.h>

#include <set>

#include "support.h"
#include "util/hash.h"

using namespace rabta;

namespace {

// Two stories that the UmerHaroon009 corpus file gives one id.
Article reused(std::string url, std::string title, std::string text) {
    Article a;
    a.id = "umerharoon009-combined-111";
    a.url = std::move(url);
    a.title = std::move(title);
    a.text = std::move(text);
    a.story_hash = detail::hash64(a.text, detail::hash64(a.title));
    return a;
}

const auto nothing_taken = [](const std::string&) { return false; };

}  // namespace

TEST_CASE("a reused id is derived from the URL: ID~ and 8 hex digits of its FNV-1a hash") {
    const Article a = reused(
        "https://www.express.pk/story/2732696/"
        "digitization-iqdamat-se-revenue-m-behtri-mutawaqa-fbr-ki-imf-ko-briefing",
        "ڈیجیٹلائزیشن اقدامات سے ریونیو میں بہتری متوقع",
        "آئی ایم ایف مشن چیف نیتھن پورٹر کی قیادت میں وفد کی وزیر خزانہ سے ملاقات ہوئی۔");
    const std::string id = derived_article_id(a, nothing_taken);
    CHECK(id == "umerharoon009-combined-111~" + detail::hex64(detail::hash64(a.url)).substr(0, 8));
    // the same article, another run: the same id; an edited text keeps it too
    CHECK(derived_article_id(a, nothing_taken) == id);
    Article edited = a;
    edited.text += " وزیر خزانہ محمد اورنگزیب نے وفد کو خوش آمدید کہا۔";
    edited.story_hash = detail::hash64(edited.text, detail::hash64(edited.title));
    CHECK(derived_article_id(edited, nothing_taken) == id);
    CHECK(derived_from(id) == std::optional<std::string>("umerharoon009-combined-111"));
}

TEST_CASE("without a URL, or when its id is taken, the story gives the derived id") {
    const Article a =
        reused("", "مخمل کا کوٹ", "دیوان سنگھ مفتون نے اردو ادب اور صحافت میں بڑا نام پایا۔");
    const std::string by_story = a.id + "~" + detail::hex64(a.story_hash).substr(0, 8);
    CHECK(derived_article_id(a, nothing_taken) == by_story);

    Article b = reused("https://urdu.arynews.tv/diwan-singh-maftoon-aap-biti/", a.title, a.text);
    const std::string by_url = derived_article_id(b, nothing_taken);
    CHECK(by_url != by_story);
    std::set<std::string> taken = {by_url};
    auto is_taken = [&](const std::string& id) { return taken.contains(id); };
    CHECK(derived_article_id(b, is_taken) == by_story);
    taken.insert(by_story);
    CHECK(derived_article_id(b, is_taken) == by_story + "-2");
    taken.insert(by_story + "-2");
    CHECK(derived_article_id(b, is_taken) == by_story + "-3");
    CHECK(derived_from(by_story + "-3") == std::optional<std::string>(a.id));
}

TEST_CASE("only ids of the derived form name the id they came from") {
    CHECK_FALSE(derived_from("umerharoon009-combined-111"));
    CHECK_FALSE(derived_from("a~b"));
    CHECK_FALSE(derived_from("a~0123456"));     // 7 digits
    CHECK_FALSE(derived_from("a~0123456789"));  // 10 digits
    CHECK_FALSE(derived_from("a~ABCDEF01"));    // upper case is never written
    CHECK_FALSE(derived_from("a~0123abcd-0"));
    CHECK_FALSE(derived_from("a~0123abcd-"));
    CHECK_FALSE(derived_from("~0123abcd"));
    CHECK(derived_from("a~0123abcd") == std::optional<std::string>("a"));
    CHECK(derived_from("a~b~0123abcd-12") == std::optional<std::string>("a~b"));
}
