#include <rabta/article.h>
#include <rabta/boilerplate.h>
#include <rabta/error.h>

#include <sstream>

#include "support.h"

using namespace rabta;

TEST_CASE("JSON Lines: good records are read, bad lines reported with their line number") {
    std::istringstream in(
        R"({"id": "a1", "title": "عنوان", "text": "لاہور (اُردو پوائنٹ اخبارتازہ ترین - اے پی پی۔ 02 مارچ2023ء) پاکستان اور چین کے درمیان تعاون۔", "category": "ignored"})"
        "\n"
        "{not json}\n"
        "\n"
        R"({"title": "no id", "text": "متن"})"
        "\n"
        R"({"id": "a2", "text": "متن", "published": "2024-11-08", "source": "Samaa", "url": "https://example.invalid/a2"})"
        "\n"
        "{\"id\": \"a3\", \"text\": \"متن \xC3\x28\"}\n"
        R"({"id": "a4", "text": 42})"
        "\n");
    std::vector<Article> got;
    std::vector<std::string> problems;
    read_jsonl(
        in, "corpus.jsonl", Boilerplate::embedded(),
        [&](Article&& a) { got.push_back(std::move(a)); },
        [&](const InputError& e) { problems.push_back(e.what()); });
    REQUIRE(got.size() == 3);
    CHECK(got[2].id == "a3");
    CHECK(got[2].text == "متن \uFFFD(");
    CHECK(got[0].id == "a1");
    CHECK(got[0].origin == "corpus.jsonl:1");
    CHECK(got[0].title == "عنوان");
    CHECK(got[0].dateline == "لاہور");
    CHECK(got[0].published == "2023-03-02");
    CHECK(got[0].regions.size() == 1);
    CHECK(got[0].regions[0].of(got[0].text) == "پاکستان اور چین کے درمیان تعاون۔");
    CHECK(got[1].id == "a2");
    CHECK(got[1].published == "2024-11-08");
    CHECK(got[1].outlet == "Samaa");
    CHECK(got[1].url == "https://example.invalid/a2");
    REQUIRE(problems.size() == 4);
    CHECK(problems[0].starts_with("corpus.jsonl:2: invalid JSON"));
    CHECK(problems[1].starts_with("corpus.jsonl:4: at '/': a required property is missing"));
    CHECK(
        problems[2] ==
        "corpus.jsonl:6: invalid UTF-8 at byte offset 29 of the line (1 byte replaced by U+FFFD)");
    CHECK(problems[3].starts_with("corpus.jsonl:7: at '/text': the value has the wrong type"));
}

TEST_CASE("the real corpus files are read as they are") {
    auto shared = rabta::test::shared_dir();
    if (shared.empty()) {
        MESSAGE("../shared is absent: skipped");
        return;
    }
    std::vector<std::string> paths = {(shared / "corpus" / "digital-economy.jsonl").string()};
    std::size_t n = 0, bad = 0, dated = 0;
    read_corpus(
        paths, Boilerplate::embedded(),
        [&](Article&& a) {
            ++n;
            if (!a.published.empty()) ++dated;
            CHECK_FALSE(a.regions.empty());
        },
        [&](const InputError&) { ++bad; });
    MESSAGE("digital-economy.jsonl: " << n << " articles, " << dated << " dated, " << bad
                                      << " reported");
    CHECK(n >= 50);
    CHECK(bad == 0);
}

TEST_CASE("JSON Lines: nesting deeper than the bound is a bad line, not a stack overflow") {
    // 200,000 levels in a field the reader ignores: 400 KB, under
    // --max-article-bytes, and enough to overflow the stack of a recursive parser.
    const auto nested = [](std::size_t depth) {
        return R"({"id": "deep", "text": "پاکستان اور چین کے درمیان تعاون۔", "junk": )" +
               std::string(depth, '[') + std::string(depth, ']') + "}\n";
    };
    std::istringstream in(nested(200000) + nested(99) + nested(100));
    std::vector<Article> got;
    std::vector<std::string> problems;
    read_jsonl(
        in, "deep.jsonl", Boilerplate::embedded(),
        [&](Article&& a) { got.push_back(std::move(a)); },
        [&](const InputError& e) { problems.push_back(e.what()); });
    // the root object is one level: 99 nested arrays fit, 100 do not
    CHECK(got.size() == 1);
    REQUIRE(problems.size() == 2);
    CHECK(problems[0].starts_with("deep.jsonl:1: invalid JSON at byte "));
    CHECK(problems[0].ends_with("nested deeper than 100 arrays and objects"));
    CHECK(problems[1].starts_with("deep.jsonl:3: invalid JSON at byte "));
}

TEST_CASE("JSON Lines: an escape that decodes to a lone surrogate is repaired and reported") {
    std::istringstream in(
        R"({"id": "s\udc80", "title": "t", "text": "پاکستان اور چین \udfff تعاون۔"})"
        "\n");
    std::vector<Article> got;
    std::vector<InputError> problems;
    read_jsonl(
        in, "s.jsonl", Boilerplate::embedded(), [&](Article&& a) { got.push_back(std::move(a)); },
        [&](const InputError& e) { problems.push_back(e); });
    REQUIRE(got.size() == 1);
    CHECK(got[0].id == "s\uFFFD\uFFFD\uFFFD");
    CHECK(got[0].text.find("\uFFFD") != std::string::npos);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].repaired());
    CHECK(problems[0].line() == 1);
    CHECK_MESSAGE(problems[0].reason().find("not valid Unicode") != std::string::npos,
                  problems[0].reason());
}

TEST_CASE("JSON Lines: a line longer than the record limit is skipped as it is read") {
    // lines around the 64 KiB chunks the reader takes, and a long one between
    const auto record = [](const std::string& id, std::size_t bytes) {
        std::string head = R"({"id": ")" + id + R"(", "text": ")";
        return head + std::string(bytes - head.size() - 2, 'x') + "\"}";
    };
    const std::string text = record("a", 65535) + "\n" + record("b", 65536) + "\n" +
                             record("long", 300000) + "\n" + record("c", 65537) + "\n" +
                             record("d", 100) + "\r\n" + record("e", 70000);
    std::istringstream in(text);
    std::vector<Record> got;
    std::vector<std::string> problems;
    read_jsonl_records(
        in, "big.jsonl", [&](Record&& r) { got.push_back(std::move(r)); },
        [&](const InputError& e) { problems.push_back(e.what()); }, {}, 200000);
    REQUIRE(got.size() == 5);
    CHECK(got[0].bytes.size() == 65535);
    CHECK(got[1].bytes.size() == 65536);
    CHECK(got[2].line == 4);
    CHECK(got[2].bytes.size() == 65537);
    CHECK(got[3].bytes == record("d", 100));
    CHECK(got[4].line == 6);
    CHECK(got[4].bytes == record("e", 70000));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0] ==
          "big.jsonl:3: the line is 300000 bytes, above the limit of 200000 for one record (6 × "
          "--max-article-bytes + 64 KiB); skipped without being read whole");
    CHECK(max_record_bytes(1 << 20) == 6 * (1 << 20) + (64 << 10));
    CHECK(max_record_bytes(SIZE_MAX / 2) == SIZE_MAX);
}

TEST_CASE("JSON Lines: null for an optional field means the field is absent") {
    // Real exports write null where a record has no value; each optional field in turn.
    const std::string text = R"("text": "شہباز شریف سے جیمز ڈونگ نے ملاقات کی۔")";
    std::istringstream in(
        "{\"id\": \"n-date\", \"date\": null, " + text + "}\n" +
        "{\"id\": \"n-published\", \"published\": null, \"date\": \"10 جولائی 2025\", " + text +
        "}\n" + "{\"id\": \"n-title\", \"title\": null, " + text + "}\n" +
        "{\"id\": \"n-url\", \"url\": null, \"source\": \"Samaa\", " + text + "}\n" +
        "{\"id\": \"n-source\", \"source\": null, \"url\": \"https://www.samaa.tv/x\", " + text +
        "}\n" + "{\"id\": \"n-all\", \"title\": null, \"url\": null, \"source\": null, " +
        "\"date\": null, \"published\": null, " + text + "}\n" +
        // the required fields stay required: null is no id and no text
        "{\"id\": null, " + text + "}\n" + "{\"id\": \"n-text\", \"text\": null}\n");
    std::vector<Article> got;
    std::vector<std::string> problems;
    read_jsonl(
        in, "nulls.jsonl", Boilerplate::embedded(),
        [&](Article&& a) { got.push_back(std::move(a)); },
        [&](const InputError& e) { problems.push_back(e.what()); });
    REQUIRE(got.size() == 6);
    CHECK(got[0].id == "n-date");
    CHECK(got[0].published.empty());
    CHECK(got[1].published == "2025-07-10");  // a null `published` falls back to `date`
    CHECK(got[2].title.empty());
    CHECK(got[3].url.empty());
    CHECK(got[3].outlet == "Samaa");
    CHECK(got[4].url == "https://www.samaa.tv/x");
    CHECK(got[5].id == "n-all");
    CHECK(got[5].regions.size() == 1);
    for (const Article& a : got)
        CHECK(a.text == "شہباز شریف سے جیمز ڈونگ نے ملاقات کی۔");
    REQUIRE(problems.size() == 2);
    CHECK(problems[0].starts_with("nulls.jsonl:7: at '/id': the value has the wrong type"));
    CHECK(problems[1].starts_with("nulls.jsonl:8: at '/text': the value has the wrong type"));
}
