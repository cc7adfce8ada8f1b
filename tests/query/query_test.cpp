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
    const DyadView y24 = dyad_view(s, "PK", "CN", {"2024-01-01", "2024-12-31", {}, {}, {}});
    CHECK(y24.months.size() == 1);
    CHECK(y24.months.count("2024-07") == 1);
}

TEST_CASE("show gathers roles into spans and ties by relation and counterpart") {
    const Store s = Store::open(rabta::test::seed_store());
    const ShowAnswer a = answer_show(s, {"person:shaza-fatima-khawaja", "2025-07-10", {}});
    // four roles: the lexicon's two as they are, and one span per office from the articles
    CHECK(a.card.entity.roles.size() == 4);
    REQUIRE(a.spans.size() == 4);
    for (const auto& r : a.spans) {
        CAPTURE(r.title);
        CHECK(r.articles == (r.source == "lexicon" ? 0 : 1));
    }
    CHECK(a.spans.front().first == "2024-03-11");  // by first date
    CHECK(a.in_office.size() == 2);
    // two holds_role mentions, each with Pakistan, in two articles: one group
    REQUIRE(a.groups.size() == 1);
    const TieGroup& g = a.groups.front();
    CHECK(g.relation == "holds_role");
    CHECK(g.counterpart == "country:PK");
    CHECK(g.outgoing);
    CHECK(g.mentions == 2);
    CHECK(g.articles == 2);
    CHECK(g.first == "2024-07-06");
    CHECK(g.last == "2025-07-10");
    CHECK(g.article == "000_e3da61d015d2337c");  // the newest sentence speaks for it
    CHECK(a.named.count("country:PK") == 1);
    // with the roles left out nothing is left
    EvidenceScope no_roles;
    no_roles.relations = {"met", "signed"};
    const ShowAnswer b = answer_show(s, {"person:shaza-fatima-khawaja", "", no_roles});
    CHECK(b.ties.empty());
    CHECK(b.groups.empty());
    CHECK(b.relations == no_roles.relations);
}

TEST_CASE("tie groups: newest first, undated last, incoming ties apart") {
    auto rel = [](const char* s, const char* t, const char* r, bool directed, const char* date,
                  const char* article) {
        StoredRelation x;
        x.source = s;
        x.target = t;
        x.relation = r;
        x.directed = directed;
        x.date = date;
        x.article = article;
        x.sentence = std::string("sentence of ") + article;
        return x;
    };
    const std::vector<StoredRelation> rels{
        rel("a", "b", "met", false, "2024-01-05", "x1"),
        rel("b", "a", "met", false, "2024-03-01", "x2"),  // symmetric: the same group
        rel("a", "f", "attended", true, "", "x3"),
        rel("c", "a", "signed", true, "2024-02-01", "x4"),  // incoming
    };
    const auto g = tie_groups("a", rels);
    REQUIRE(g.size() == 3);
    CHECK(g[0].counterpart == "b");
    CHECK(g[0].mentions == 2);
    CHECK(g[0].first == "2024-01-05");
    CHECK(g[0].last == "2024-03-01");
    CHECK(g[0].article == "x2");
    CHECK(g[1].relation == "signed");
    CHECK_FALSE(g[1].outgoing);
    CHECK(g[2].relation == "attended");  // undated last
    CHECK(g[2].last.empty());
    CHECK(g[2].sentence == "sentence of x3");
}

TEST_CASE("top and path over the interactions leave the role hub out") {
    const Store s = Store::open(rabta::test::seed_store());
    TopQuery all;
    all.limit = 0;
    TopQuery inter = all;
    inter.filter.relations = {"agreed", "attended", "cooperated", "met", "signed"};
    auto degree = [](const TopAnswer& a, const char* id) {
        for (const auto& e : a.entries)
            if (e.centrality.id == id) return e.centrality.degree;
        return std::size_t{0};
    };
    const TopAnswer ta = answer_top(s, all), ti = answer_top(s, inter);
    CHECK(ti.relations == inter.filter.relations);
    CHECK(degree(ti, "country:PK") < degree(ta, "country:PK"));
    // Shaza Fatima Khawaja is tied to Pakistan by her roles only
    PathQuery p{"person:shaza-fatima-khawaja", "country:PK", {}};
    const PathAnswer with_roles = answer_path(s, p);
    REQUIRE(with_roles.hops);
    CHECK(with_roles.hops->size() == 1);
    CHECK(with_roles.named.count("country:PK") == 1);
    p.filter.relations = inter.filter.relations;
    CHECK_FALSE(answer_path(s, p).hops);
}
