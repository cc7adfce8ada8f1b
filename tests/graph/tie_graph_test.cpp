#include <rabta/graph.h>

#include <boost/range/iterator_range.hpp>
#include <cmath>
#include <optional>
#include <set>

#include "seed_store.h"

using namespace rabta;

TEST_CASE("ties aggregate evidences per (source, target, relation)") {
    const Store s = Store::open(rabta::test::seed_store());
    const TieGraph tg = TieGraph::from_store(s);
    const auto& g = tg.graph();
    const auto* suh = tg.find("person:suh-sangpyo");
    const auto* haq = tg.find("person:syed-aminul-haque");
    REQUIRE(suh);
    REQUIRE(haq);
    auto [e, ok] = boost::edge(*suh, *haq, g);
    REQUIRE(ok);
    const TieEdge& t = g[e];
    CHECK(t.relation == "met");
    CHECK(t.weight == doctest::Approx(2.0));  // the paragraph and the photo caption of seed 004
    CHECK(t.articles == 1);
    CHECK(t.symmetric);
    CHECK(t.first_date.empty());  // seed 004 has no date, and none is invented
    CHECK(t.evidence.find("سید امین الحق") != std::string::npos);
    // the two evidences themselves stay in the store, streamed in edge order
    EvidenceCursor c = s.evidences();
    int n = 0;
    for (; c.get(); c.next())
        n += c.get()->source == "person:suh-sangpyo" && c.get()->relation == "met";
    CHECK(n == 2);

    // Pakistan and China are single nodes; their cooperation ties from two stories form one edge
    const auto* pk = tg.find("country:PK");
    const auto* cn = tg.find("country:CN");
    REQUIRE(pk);
    REQUIRE(cn);
    std::optional<TieGraph::Edge> coop;
    for (auto x : boost::make_iterator_range(boost::out_edges(*cn, g)))
        if (boost::target(x, g) == *pk && g[x].relation == "cooperated") coop = x;
    REQUIRE(coop);
    const auto pc = *coop;
    CHECK(g[pc].weight == doctest::Approx(3.0));
    CHECK(g[pc].first_date == "2024-07-06");
    CHECK(g[pc].last_date == "2025-07-11");
    // intent in «… کا خواہاں ہے» (002) and «… وسعت دینے پر اتفاق» (003-2), but done in
    // «ڈیجیٹل فنانس دونوں ممالک کے درمیان تیز رفتار تعاون میں اہم مدد فراہم کررہی ہے» (002)
    CHECK(g[pc].mode == "done");

    // the SCO signing is a star on the forum, not a clique among the signatories
    const auto* forum = tg.find("forum:sco-digital-economy-forum");
    REQUIRE(forum);
    CHECK(boost::in_degree(*forum, g) == 4);
    // its only tie out is where it was held: «چین کے شہر تھیئن جن میں منعقد»
    REQUIRE(boost::out_degree(*forum, g) == 1);
    CHECK(g[*boost::out_edges(*forum, g).first].relation == "located_in");
}

TEST_CASE("the same store gives the same graph") {
    const Store s = Store::open(rabta::test::seed_store());
    const TieGraph a = TieGraph::from_store(s), b = TieGraph::from_store(s);
    REQUIRE(a.vertex_count() == b.vertex_count());
    REQUIRE(a.edge_count() == b.edge_count());
    for (std::size_t v = 0; v < a.vertex_count(); ++v)
        CHECK(a.graph()[v].id == b.graph()[v].id);
}

TEST_CASE("a filtered graph drops the nodes it left without edges, unless asked to keep them") {
    const Store s = Store::open(rabta::test::seed_store());
    const TieGraph all = TieGraph::from_store(s);
    auto isolated = [](const TieGraph& tg) {
        std::size_t n = 0;
        for (auto v : boost::make_iterator_range(boost::vertices(tg.graph())))
            n += boost::in_degree(v, tg.graph()) + boost::out_degree(v, tg.graph()) == 0;
        return n;
    };
    REQUIRE(isolated(all) > 0);  // the unfiltered graph keeps every mentioned actor
    GraphFilter y2025;
    y2025.from = "2025-01-01";
    const TieGraph g25 = TieGraph::from_store(s, y2025);
    CHECK(isolated(g25) == 0);
    CHECK(g25.find("person:suh-sangpyo") == nullptr);  // met only in the undated seed 004
    CHECK(g25.find("country:CN") != nullptr);
    y2025.keep_isolates = true;
    const TieGraph kept = TieGraph::from_store(s, y2025);
    CHECK(kept.vertex_count() == all.vertex_count());
    CHECK(kept.edge_count() == g25.edge_count());
    // with a type filter, kept isolates are of that type only
    GraphFilter persons;
    persons.types = {"person"};
    persons.keep_isolates = true;
    const TieGraph p = all.filter(persons);
    for (auto v : boost::make_iterator_range(boost::vertices(p.graph())))
        CHECK(p.graph()[v].type == "person");
    persons.keep_isolates = false;
    CHECK(p.vertex_count() > all.filter(persons).vertex_count());
}

TEST_CASE("the layout is deterministic, inside its canvas, and keeps components apart") {
    const Store s = Store::open(rabta::test::seed_store());
    const TieGraph tg = TieGraph::from_store(s);
    const Layout a = layout(tg), b = layout(tg);
    REQUIRE(a.points.size() == tg.vertex_count());
    for (std::size_t i = 0; i < a.points.size(); ++i) {
        CHECK(a.points[i].x == b.points[i].x);
        CHECK(a.points[i].y == b.points[i].y);
        CHECK(a.points[i].x >= 0);
        CHECK(a.points[i].x <= a.width);
        CHECK(a.points[i].y >= 0);
        CHECK(a.points[i].y <= a.height);
    }
    const auto& g = tg.graph();
    auto dist = [&](std::size_t u, std::size_t v) {
        return std::hypot(a.points[u].x - a.points[v].x, a.points[u].y - a.points[v].y);
    };
    // tied actors are drawn nearer each other than to an actor of another component
    const auto pk = *tg.find("country:PK"), cn = *tg.find("country:CN");
    const auto suh = *tg.find("person:suh-sangpyo");
    const auto loner = *tg.find("country:IN");  // mentioned, in no tie
    CHECK(boost::in_degree(loner, g) + boost::out_degree(loner, g) == 0);
    CHECK(dist(pk, cn) < dist(pk, loner));
    CHECK(dist(pk, suh) < dist(pk, loner));
    std::set<std::pair<double, double>> distinct;
    for (const auto& p : a.points)
        distinct.emplace(p.x, p.y);
    CHECK(distinct.size() == a.points.size());
}
