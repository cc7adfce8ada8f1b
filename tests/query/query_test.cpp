// Queries over the seed store: one actor one node, dated roles, paths that cite
// their sentences, centrality, and the country-pair view.
#include <rabta/graph.h>
#include <rabta/query.h>

#include <algorithm>

#include "seed_store.h"

using namespace rabta;

TEST_CASE("Shaza Fatima Khawaja is one entity with two dated roles from two articles") {
    const Store s = Store::open(rabta::test::seed_store());
    // any spelling, spaced or not, finds the one entity
    CHECK(s.find_entities("شزا فاطمہ") == std::vector<std::string>{"person:shaza-fatima-khawaja"});
    CHECK(s.find_entities("شزہ فاطمہخواجہ") ==
          std::vector<std::string>{"person:shaza-fatima-khawaja"});
    const auto card = entity_card(s, "person:shaza-fatima-khawaja");
    REQUIRE(card);
    std::vector<StoredRole> text_roles;
    for (const auto& r : card->entity.roles)
        if (r.source != "lexicon") text_roles.push_back(r);
    REQUIRE(text_roles.size() == 2);
    CHECK(text_roles[0].from == "2024-07-06");
    CHECK(text_roles[0].title.find("وزیر مملکت") != std::string::npos);
    CHECK(text_roles[0].source == "002_64b5cc6f0c724d73");
    CHECK(text_roles[1].from == "2025-07-10");
    CHECK(text_roles[1].title == "وفاقی وزیر برائے آئی ٹی");
    CHECK(text_roles[1].source == "000_e3da61d015d2337c");
    // the office on a date: a Minister of State in July 2024, federal minister in July 2025
    const auto in24 = roles_on(card->entity, "2024-07-06");
    REQUIRE(in24.size() == 2);  // the lexicon's and the article's
    for (const auto& r : in24)
        CHECK(r.title.find("وزیر مملکت") != std::string::npos);
    const auto in25 = roles_on(card->entity, "2025-07-10");
    REQUIRE(in25.size() == 2);
    for (const auto& r : in25)
        CHECK(r.title.find("وفاقی وزیر") != std::string::npos);
    CHECK(roles_on(card->entity, "2020-01-01").empty());
    // why the names are one: each surface with the alias it matched
    REQUIRE_FALSE(card->names.empty());
    CHECK(card->names[0].surface == "شزہ فاطمہ خواجہ");
    CHECK(card->names[0].via == "شزہ فاطمہ خواجہ");
    // Suh's two spellings («سو سنگپیو», «سوو سنگپیو») are one entity, each via its alias
    const auto suh = entity_card(s, "person:suh-sangpyo");
    REQUIRE(suh);
    std::set<std::string> surfaces;
    for (const auto& n : suh->names)
        if (n.kind == "name") surfaces.insert(n.surface);
    CHECK(surfaces.count("سو سنگپیو") == 1);
    CHECK(surfaces.count("سوو سنگپیو") == 1);
}

TEST_CASE("Pakistan and China are single nodes") {
    const Store s = Store::open(rabta::test::seed_store());
    const auto countries = list_entities(s, {"country", "", false});
    CHECK(std::count_if(countries.begin(), countries.end(),
                        [](const StoredEntity& e) { return e.country == "PK"; }) == 1);
    CHECK(std::count_if(countries.begin(), countries.end(),
                        [](const StoredEntity& e) { return e.country == "CN"; }) == 1);
}

TEST_CASE("a path from the Korean ambassador to the Alibaba president cites every hop") {
    const Store s = Store::open(rabta::test::seed_store());
    const TieGraph g = TieGraph::from_store(s);
    const auto hops = shortest_path(g, "person:suh-sangpyo", "person:james-dong");
    REQUIRE(hops);
    REQUIRE(hops->size() >= 2);
    CHECK(hops->front().from == "person:suh-sangpyo");
    CHECK(hops->back().to == "person:james-dong");
    for (std::size_t i = 0; i < hops->size(); ++i) {
        CAPTURE(i);
        CHECK_FALSE((*hops)[i].sentence.empty());
        CHECK_FALSE((*hops)[i].article.empty());
        if (i > 0) CHECK((*hops)[i].from == (*hops)[i - 1].to);
    }
    // the last hop is the meeting with the Prime Minister
    CHECK(hops->back().relation == "met");
    CHECK(hops->back().from == "person:shehbaz-sharif");
    CHECK(shortest_path(g, "person:suh-sangpyo", "person:suh-sangpyo")->empty());
    CHECK_FALSE(shortest_path(g, "person:suh-sangpyo", "person:nobody"));
}

TEST_CASE("centrality: Pakistan is the broker of the seed graph") {
    const Store s = Store::open(rabta::test::seed_store());
    const auto c = centrality(TieGraph::from_store(s));
    const auto pk = std::find_if(c.begin(), c.end(), [](auto& x) { return x.id == "country:PK"; });
    REQUIRE(pk != c.end());
    for (const auto& x : c) {
        CHECK(x.betweenness >= 0);
        CHECK(x.betweenness <= 1);
        if (x.id != "country:PK") CHECK(x.betweenness <= pk->betweenness);
    }
    CHECK(pk->component == 0);
    // CIFTIS with its ten exhibitors is a component of its own, and the largest degree
    const auto ciftis =
        std::find_if(c.begin(), c.end(), [](auto& x) { return x.id == "forum:ciftis"; });
    REQUIRE(ciftis != c.end());
    CHECK(ciftis->degree == 10);
    CHECK(ciftis->component != pk->component);
}

TEST_CASE("the Pakistan–China dyad lists the seed ties between their actors, by month") {
    const Store s = Store::open(rabta::test::seed_store());
    const DyadView d = dyad_view(s, "PK", "CN", {});
    auto has = [&](const char* a, const char* rel, const char* b) {
        return std::any_of(d.ties.begin(), d.ties.end(), [&](const StoredTie& t) {
            return t.relation == rel &&
                   ((t.source == a && t.target == b) || (t.source == b && t.target == a));
        });
    };
    CHECK(has("country:CN", "cooperated", "country:PK"));
    CHECK(has("person:attaullah-tarar", "met", "person:cao-shumin"));
    CHECK(has("person:james-dong", "met", "person:shehbaz-sharif"));
    CHECK_FALSE(has("person:suh-sangpyo", "met", "person:syed-aminul-haque"));  // Korea
    CHECK(d.months.at("2024-07").at("cooperated") == 3);
    CHECK(d.months.at("2025-07").at("met") == 3);
    // a date range keeps only its months
    const DyadView y24 = dyad_view(s, "PK", "CN", {"2024-01-01", "2024-12-31", {}, {}});
    CHECK(y24.months.size() == 1);
    CHECK(y24.months.count("2024-07") == 1);
}
