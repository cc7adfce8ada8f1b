#include <rabta/error.h>
#include <rabta/lexicon.h>
#include <rabta/text.h>

#include <algorithm>

#include "support.h"

using namespace rabta;

namespace {
const Actor* by_key(const Lexicon& lex, const std::string& name) {
    const std::string k = fold_key(name);
    auto it = std::lower_bound(lex.keys().begin(), lex.keys().end(), k,
                               [](const auto& e, const std::string& x) { return e.first < x; });
    if (it == lex.keys().end() || it->first != k) return nullptr;
    return &lex.actors()[it->second.actor];
}
void expect_config_error(const std::string& json,
                         const std::string& pointer,
                         const std::string& reason_part) {
    try {
        Lexicon::load({{"bad.json", json}});
        FAIL("no ConfigError for " << json);
    } catch (const ConfigError& e) {
        CHECK(e.file() == "bad.json");
        CHECK(e.pointer() == pointer);
        CHECK_MESSAGE(e.reason().find(reason_part) != std::string::npos, e.reason());
    }
}
}  // namespace

TEST_CASE("the embedded lexicon covers the seed actors and ICU's countries") {
    const Lexicon lex = Lexicon::embedded();
    const Actor* pk = lex.find("country:PK");
    REQUIRE(pk);
    CHECK(pk->label_ur == "پاکستان");  // from CLDR
    CHECK(pk->label_en == "Pakistan");
    CHECK(by_key(lex, "پاکستانی")->id == "country:PK");  // demonym
    CHECK(by_key(lex, "قزاخستان")->id == "country:KZ");  // CLDR spelling
    CHECK(by_key(lex, "قازقستان")->id == "country:KZ");  // the spelling seed 003 uses
    CHECK(by_key(lex, "ڈچ")->id == "country:NL");
    CHECK(by_key(lex, "شہبازشریف")->id == "person:shehbaz-sharif");
    CHECK(by_key(lex, "سوو سنگپیو")->id == "person:suh-sangpyo");
    CHECK(by_key(lex, "Suh Sangpyo")->id == "person:suh-sangpyo");
    CHECK(by_key(lex, "NRTA")->id == "org:nrta");
    // CLDR names that are ordinary Urdu words are excluded: مالی "financial" (seed 004: «مالی سال»)
    CHECK(by_key(lex, "مالی") == nullptr);
    CHECK(by_key(lex, "شام") == nullptr);
    CHECK(lex.find("country:ML") != nullptr);
    CHECK(lex.version() != 0);
    // an actor without an English name gets a romanized label
    const Lexicon small = Lexicon::load({{"x.json", R"({"version": 1, "actors": [
        {"id": "org:x", "type": "organization", "names": ["سائبر نیٹ ورکس"]}]})"}});
    CHECK(small.find("org:x")->label_en == "Saibar Nit Waraks");
}

TEST_CASE("a broken lexicon names file, JSON pointer and reason") {
    expect_config_error(
        R"({"version": 1, "actors": [{"id": "person:x", "type": "persn", "names": ["ایکس"]}]})",
        "/actors/0/type", "not one of the allowed values");
    expect_config_error(R"({"version": 1, "actors": [{"id": "person:x", "names": ["ایکس"]}]})",
                        "/actors/0", "required property is missing");
    expect_config_error(R"({"version": 1, "actors": [ {"id": "person:x", "type": "person",)", "",
                        "invalid JSON at line 1");
    expect_config_error(
        R"({"version": 1, "actors": [{"id": "org:x", "type": "person", "names": ["ایکس"]}]})",
        "/actors/0/id", "must start with 'person:'");
    expect_config_error(
        R"({"version": 1, "actors": [{"id": "person:x", "type": "person", "names": ["ایکس"]},
                                                     {"id": "person:x", "type": "person", "names": ["وائی"]}]})",
        "/actors/1/id", "duplicate id");
    expect_config_error(
        R"({"version": 1, "actors": [{"id": "person:x", "type": "person", "names": ["ایکس"],
                          "roles": [{"title": "سفیر", "org": "org:nowhere"}]}]})",
        "/actors/0/roles/0/org", "unknown actor id 'org:nowhere'");
    expect_config_error(
        R"({"version": 1, "actors": [{"id": "person:x", "type": "person", "names": ["پاکستان"]}]})",
        "/actors/0/names", "also a name of 'country:PK'");
    expect_config_error(R"({"version": 1, "actors": [{"id": "country:XQ", "type": "country"}]})",
                        "/actors/0/id", "not an ISO 3166-1 country");
}

TEST_CASE("a lexicon nested too deep or in another encoding is refused with line and reason") {
    // 200,000 levels overflowed the stack of the recursive parser
    expect_config_error(R"({"version": 1, "actors": [], "x": )" + std::string(200000, '[') +
                            std::string(200000, ']') + "}",
                        "", "nested deeper than 100 arrays and objects");
    // a label saved as Latin-1 (é as one byte 0xE9) would make every export ill-formed
    expect_config_error(
        "{\"version\": 1,\n \"actors\": [{\"id\": \"person:x\", \"type\": \"person\", "
        "\"names\": [\"ایکس\"], \"label_en\": \"Ren\xE9\"}]}",
        "", "invalid JSON at line 2, column");
    expect_config_error(
        R"({"version": 1, "actors": [{"id": "person:x", "type": "person", "names": ["\udc80"]}]})",
        "", "not valid Unicode");
}
