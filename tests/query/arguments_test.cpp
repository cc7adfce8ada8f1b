// What an analyst types: dates that are real calendar periods, lists of codes
// with a "did you mean", and names to entities (Urdu and Latin ranked together).
#include <rabta/arguments.h>
#include <rabta/lookup.h>

#include "seed_store.h"

using namespace rabta;

namespace {
// The message of the UsageError that `f` throws, or "" when it throws none.
template <typename F>
std::string refusal(F&& f) {
    try {
        f();
    } catch (const UsageError& e) {
        return e.what();
    }
    return "";
}
}  // namespace

TEST_CASE("periods: YYYY, YYYY-MM, YYYY-MM-DD of the real calendar") {
    CHECK(period_bound("2025", false) == "2025-01-01");
    CHECK(period_bound("2025", true) == "2025-12-31");
    CHECK(period_bound("2025-04", true) == "2025-04-30");
    CHECK(period_bound("2024-02", true) == "2024-02-29");  // a leap year
    CHECK(period_bound("2025-02", true) == "2025-02-28");
    CHECK(period_bound("1900-02", true) == "1900-02-28");  // a century is not, …
    CHECK(period_bound("2000-02", true) == "2000-02-29");  // … unless it divides by 400
    CHECK(period_bound("2024-02-29", false) == "2024-02-29");
    for (const char* bad :
         {"2025-13", "2025-00", "2025-02-29", "2025-02-30", "2023-04-31", "2025-01-00", "2025-7",
          "2025-07-1", "25", "July 2025", "2025-07-10x", "۲۰۲۵", ""}) {
        CAPTURE(bad);
        CHECK_FALSE(period_bound(bad, false));
    }
}

TEST_CASE("a code list is checked, in any case and spacing, with a did-you-mean") {
    CHECK(list_of("--relation", " MET, signed,,met ", relation_codes()) ==
          std::vector<std::string>{"met", "signed"});
    CHECK(list_of("--relation", "", relation_codes()).empty());
    CHECK(refusal([] { list_of("--relation", "met,meet", relation_codes()); }) ==
          "--relation 'meet' is not one of: agreed, attended, cooperated, holds_role, "
          "located_in, met, signed (did you mean 'met'?)");
    // nothing near: the allowed values, no guess
    CHECK(refusal([] { one_of("--type", "bogus", entity_types()); }) ==
          "--type 'bogus' is not one of: country, forum, organization, person, place");
    CHECK(refusal([] {
              one_of("--type", "persn", entity_types());
          }).ends_with("(did you mean 'person'?)"));
    CHECK(one_of("--type", "Person", entity_types()) == "person");
}

TEST_CASE("relations: the interactions by default where asked, less what is excluded") {
    const auto& interactions = interaction_relations();
    CHECK(relation_selection("", "").empty());  // everything
    CHECK(relation_selection("", "", interactions) == interactions);
    CHECK(relation_selection("met,signed", "", interactions) ==
          std::vector<std::string>{"met", "signed"});
    CHECK(relation_selection("", "holds_role,located_in") == interactions);
    // an exclusion alone is from every relation, not from the default
    CHECK(relation_selection("", "met", interactions) ==
          std::vector<std::string>{"agreed", "attended", "cooperated", "holds_role", "located_in",
                                   "signed"});
    CHECK(refusal([] { relation_selection("met", "met"); }) ==
          "--exclude-relation 'met' leaves no relation");
    CHECK(refusal([] {
              relation_selection("", "roles");
          }).starts_with("--exclude-relation 'roles' is not one of"));
}

TEST_CASE("edit distance counts code points, so Urdu letters are one edit each") {
    CHECK(edit_distance("met", "meet") == 1);
    CHECK(edit_distance("شریف", "شریب") == 1);
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("one resolver: ids, names in any spelling, ISO codes in any case") {
    const Store s = Store::open(rabta::test::seed_store());
    CHECK(resolve_entity(s, "person:suh-sangpyo") == "person:suh-sangpyo");
    CHECK(resolve_entity(s, "سوو سنگپیو") == "person:suh-sangpyo");
    CHECK(resolve_entity(s, "Suh Sangpyo") == "person:suh-sangpyo");
    CHECK(resolve_entity(s, "pk") == "country:PK");
    CHECK(resolve_entity(s, "PK") == "country:PK");
    CHECK(resolve_country(s, "--dyad", "cn") == "CN");
    CHECK(resolve_country(s, "--dyad", "پاکستان") == "PK");
    CHECK(refusal([&] { resolve_country(s, "--dyad", "XX"); }) ==
          "--dyad 'XX' is not one of: CN, EG, IN, KR, KZ, NL, PK");
    CHECK(refusal([&] { resolve_country(s, "--dyad", "cm"); }).ends_with("(did you mean 'CN'?)"));
    CHECK(refusal([&] { resolve_country(s, "--dyad", "شہباز شریف"); }) ==
          "--dyad 'شہباز شریف' is person:shehbaz-sharif, not a country");
    try {
        resolve_entity(s, "کوئی نہیں");
        FAIL("an unknown name resolved");
    } catch (const LookupError& e) {
        CHECK(std::string(e.what()).starts_with("no entity is named 'کوئی نہیں'"));
    }
}

TEST_CASE("suggestions rank Urdu and Latin names together by nearness") {
    const Store s = Store::open(rabta::test::seed_store());
    auto first = [&](const std::string& typed) {
        const auto near = nearest_entities(s, typed);
        return near.empty() ? std::string() : near.front().id;
    };
    CHECK(first("شہباز شریب") == "person:shehbaz-sharif");  // one letter wrong
    CHECK(first("شہباز") == "person:shehbaz-sharif");       // a part of the name
    CHECK(first("Aminul") == "person:syed-aminul-haque");   // a Latin word of it
    CHECK(first("Xu") == "person:xu-xinchao");              // a whole word of a Latin name
    CHECK(first("Sangpio") == "person:suh-sangpyo");        // Latin, one letter wrong
    CHECK(nearest_entities(s, "zzzzqqqq").empty());         // nothing near
    CHECK(nearest_entities(s, "a", 3).size() <= 3);
}
