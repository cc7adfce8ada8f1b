// The dyad answer over a store of four invented articles: months with counts by
// relation and context and the cooperation index, computed by hand from the
// weights in seeds/cooperation/goldstein.json.
#include <rabta/build.h>
#include <rabta/context.h>
#include <rabta/error.h>
#include <rabta/query.h>
#include <rapidjson/document.h>

#include <sstream>

#include "support.h"
#include "util/json.h"

using namespace rabta;
using rabta::test::jsonl_record;
using rabta::test::TempDir;

namespace {

// A 5G agreement (telecom) reprinted by a second outlet, IT cooperation
// announced (intent), and a meeting about cricket (other).
std::string dyad_store(const TempDir& dir) {
    const std::string mou =
        "پاکستان اور چین کے درمیان فائیو جی ٹیکنالوجی کے معاہدے پر دستخط کیے گئے۔";
    std::string corpus =
        jsonl_record("dy-1", "پاک چین معاہدہ", mou,
                     R"(, "source": "express", "published": "2025-03-10")") +
        jsonl_record("dy-2", "پاک چین معاہدہ",
                     "پاکستان اور چین کے درمیان فائیو جی ٹیکنالوجی کے  معاہدے پر دستخط کیے گئے۔",
                     R"(, "source": "jang", "published": "2025-03-11")") +
        jsonl_record("dy-3", "آئی ٹی تعاون", "چین پاکستان کے ساتھ آئی ٹی کے شعبے میں تعاون کرے گا۔",
                     R"(, "source": "dawn", "published": "2025-04-02")") +
        jsonl_record("dy-4", "ملاقات",
                     "وزیراعظم شہباز شریف سے چین کے سفیر جیانگ زیڈونگ نے ملاقات کی اور کرکٹ کے "
                     "فروغ پر بات کی۔",
                     R"(, "source": "geo", "published": "2025-04-20")");
    rabta::test::write_file(dir.path() / "in.jsonl", corpus);
    BuildOptions o;
    o.paths = {(dir.path() / "in.jsonl").string()};
    o.db = (dir.path() / "dyad.db").string();
    build(o, [](const InputError& e) { FAIL("unexpected problem: " << e.what()); });
    return o.db;
}

DyadAnswer dyad(const Store& s, const std::string& contexts = "") {
    DyadQuery q{"PK", "CN", {}, CooperationWeights::embedded()};
    if (!contexts.empty()) q.scope.contexts = ContextTaxonomy::embedded().select(contexts);
    return answer_dyad(s, q);
}

rapidjson::Document json_of(const DyadAnswer& a) {
    std::ostringstream out;
    write_json(out, a);
    rapidjson::Document d;
    d.Parse(out.str().c_str());
    REQUIRE_FALSE(d.HasParseError());
    const auto violation = detail::schema_violation(d, "schemas/query.schema.json");
    CHECK_MESSAGE(!violation, (violation ? *violation : std::string()));
    return d;
}

}  // namespace

TEST_CASE("dyad --json: each month's counts by relation and context and its index") {
    TempDir dir;
    const Store s = Store::open(dyad_store(dir));
    const rapidjson::Document d = json_of(dyad(s));
    const auto& months = d["months"];
    REQUIRE(months.Size() == 2);
    // March: the agreement, reprinted: two relation mentions, one evidence, 057 = 8.0
    const auto& march = months[0];
    CHECK(std::string(march["month"].GetString()) == "2025-03");
    CHECK(march["counts"]["signed"].GetInt() == 2);
    CHECK(march["evidences"].GetInt() == 1);
    CHECK(march["by_relation"]["signed"].GetInt() == 1);
    CHECK(march["by_context"]["telecom"].GetInt() == 1);
    CHECK(march["index"].GetDouble() == doctest::Approx(8.0));
    // April: cooperation announced, 061 6.4 × 0.5 = 3.2, and a meeting, 040 1.0
    const auto& april = months[1];
    CHECK(std::string(april["month"].GetString()) == "2025-04");
    CHECK(april["evidences"].GetInt() == 2);
    CHECK(april["by_relation"]["cooperated"].GetInt() == 1);
    CHECK(april["by_relation"]["met"].GetInt() == 1);
    CHECK(april["by_context"]["it-services"].GetInt() == 1);
    CHECK(april["by_context"]["other"].GetInt() == 1);
    CHECK(april["index"].GetDouble() == doctest::Approx(4.2));
    // the total, the scale it used and the heaviest evidence: the earliest copy
    const auto& c = d["cooperation"];
    CHECK(c["index"].GetDouble() == doctest::Approx(12.2));
    CHECK(c["intent_discount"].GetDouble() == doctest::Approx(0.5));
    CHECK(std::string(c["weights"]["signed"]["cameo"].GetString()) == "057");
    REQUIRE(c["heaviest"].Size() == 3);
    CHECK(c["heaviest"][0]["copies"].GetInt() == 2);
    CHECK(std::string(c["heaviest"][0]["evidence"]["article"].GetString()) == "dy-1");
    CHECK(c["heaviest"][1]["intent"].GetBool());
}

TEST_CASE("dyad --context digital: the cricket meeting is left out of the index") {
    TempDir dir;
    const Store s = Store::open(dyad_store(dir));
    const DyadAnswer a = dyad(s, "digital");
    REQUIRE(a.cooperation.months.size() == 2);
    CHECK(a.cooperation.months[1].evidences == 1);
    CHECK(a.cooperation.months[1].index == doctest::Approx(3.2));
    CHECK(a.cooperation.index == doctest::Approx(11.2));
    CHECK(a.cooperation.months[1].by_context.count("other") == 0);
    // the months of the JSON carry the same numbers as the series
    const rapidjson::Document d = json_of(a);
    CHECK(d["months"][1]["index"].GetDouble() == doctest::Approx(3.2));
    CHECK_FALSE(d["months"][1]["by_relation"].HasMember("met"));
}
