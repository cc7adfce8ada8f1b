#include "pipeline/extract_queue.h"

#include <fmt/format.h>

#include <algorithm>
#include <thread>

namespace rabta::detail {

namespace {
// Records per batch: enough to outweigh starting a thread, few enough to keep
// the threads busy to the end of a small corpus.
constexpr std::size_t kBatch = 16;
}  // namespace

ExtractQueue::ExtractQueue(const Extractor& extractor,
                           const Boilerplate& boilerplate,
                           std::size_t max_article_bytes,
                           unsigned jobs,
                           Writer write,
                           ProblemSink problems,
                           KnownHandler known)
    : extractor_(extractor),
      boilerplate_(boilerplate),
      max_article_bytes_(max_article_bytes),
      jobs_(jobs != 0 ? jobs : std::max(1u, std::thread::hardware_concurrency())),
      write_(std::move(write)),
      problems_(std::move(problems)),
      known_(std::move(known)) {}

ExtractQueue::~ExtractQueue() {
    for (auto& b : running_)
        if (b.done.valid()) b.done.wait();
}

ExtractQueue::Done ExtractQueue::work(const Item& item) const {
    Done d;
    if (!item.record || item.record->known) return d;
    d.parsed = parse_record(*item.record, boilerplate_);
    std::erase_if(d.parsed.articles, [&](const Article& a) {
        if (a.text.size() <= max_article_bytes_) return false;
        d.parsed.problems.emplace_back(
            item.record->file, item.record->line,
            fmt::format("article '{}' is {} bytes, above the limit of {} (--max-article-bytes)",
                        a.id, a.text.size(), max_article_bytes_));
        return true;
    });
    d.extractions.reserve(d.parsed.articles.size());
    for (const Article& a : d.parsed.articles)
        d.extractions.push_back(extractor_.run(a));
    return d;
}

void ExtractQueue::hand_over(const Item& item, Done& done) {
    if (item.problem) problems_(*item.problem);
    if (item.record && item.record->known) {
        known_(*item.record);
        return;
    }
    for (const auto& e : done.parsed.problems)
        problems_(e);
    for (std::size_t i = 0; i < done.parsed.articles.size(); ++i) {
        for (const auto& note : done.extractions[i].limits)
            problems_(InputError(done.parsed.articles[i].origin, 0, note, true));
        write_(done.parsed.articles[i], done.extractions[i]);
    }
}

void ExtractQueue::push(Record&& record) {
    Item item;
    item.record = std::move(record);
    // Nothing to parse and nothing ahead of it: hand it over now (a no-op
    // rebuild starts no thread at all).
    const bool nothing_pending = filling_.empty() && running_.empty();
    if (jobs_ == 1 || (item.record->known && nothing_pending)) {
        Done d = work(item);
        hand_over(item, d);
        return;
    }
    filling_.push_back(std::move(item));
    if (filling_.size() == kBatch) launch();
}

void ExtractQueue::push(const InputError& problem) {
    Item item;
    item.problem = problem;
    if (jobs_ == 1) {
        Done d;
        hand_over(item, d);
        return;
    }
    filling_.push_back(std::move(item));
    if (filling_.size() == kBatch) launch();
}

void ExtractQueue::finish() {
    if (!filling_.empty()) launch();
    while (!running_.empty())
        hand_over_oldest();
}

void ExtractQueue::launch() {
    while (running_.size() >= jobs_)
        hand_over_oldest();
    Batch b;
    b.items = std::move(filling_);
    filling_.clear();
    // The batch's items live in the deque element, which does not move:
    // std::deque keeps references valid when elements are added at either end.
    running_.push_back(std::move(b));
    const std::vector<Item>& items = running_.back().items;
    running_.back().done = std::async(std::launch::async, [this, &items] {
        std::vector<Done> out;
        out.reserve(items.size());
        for (const Item& item : items)
            out.push_back(work(item));
        return out;
    });
}

void ExtractQueue::hand_over_oldest() {
    // get() first: until the task is done it reads the items in place
    std::vector<Done> done = running_.front().done.get();
    Batch b = std::move(running_.front());
    running_.pop_front();
    for (std::size_t i = 0; i < b.items.size(); ++i)
        hand_over(b.items[i], done[i]);
}

}  // namespace rabta::detail
