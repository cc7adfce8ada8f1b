#include "pipeline/extract_queue.h"

#include <fmt/format.h>

#include <algorithm>

namespace rabta::detail {

namespace {
// Records per batch: enough to outweigh the hand-offs, few enough to keep the
// threads busy to the end of a small corpus.
constexpr std::size_t kBatch = 16;
// Batches held per thread: the oldest is handed over while every worker still
// has one queued behind it.
constexpr std::size_t kInFlight = 4;
}  // namespace

ExtractQueue::ExtractQueue(const Extractor& extractor,
                           const Boilerplate& boilerplate,
                           std::size_t max_article_bytes,
                           unsigned jobs,
                           Writer write,
                           ProblemSink problems,
                           KnownHandler known,
                           NoArticles no_articles)
    : extractor_(extractor),
      boilerplate_(boilerplate),
      max_article_bytes_(max_article_bytes),
      jobs_(jobs != 0 ? jobs : std::max(1u, std::thread::hardware_concurrency())),
      write_(std::move(write)),
      problems_(std::move(problems)),
      known_(std::move(known)),
      no_articles_(std::move(no_articles)) {}

ExtractQueue::~ExtractQueue() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    queued_.notify_all();
    for (auto& t : pool_)
        t.join();
}

void ExtractQueue::worker() {
    for (;;) {
        Batch* b = nullptr;
        {
            std::unique_lock lock(mutex_);
            queued_.wait(lock, [&] { return stopping_ || !unclaimed_.empty(); });
            if (stopping_) return;
            b = unclaimed_.front();
            unclaimed_.pop_front();
        }
        try {
            b->done.reserve(b->items.size());
            for (const Item& item : b->items)
                b->done.push_back(work(item));
        } catch (...) {
            b->error = std::current_exception();
        }
        {
            const std::lock_guard lock(mutex_);
            b->ready = true;
        }
        finished_.notify_all();
    }
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
    for (Article& a : d.parsed.articles) {
        d.extractions.push_back(extractor_.run(a));
        a.folded.reset();  // read by the extraction; the store does not need it
    }
    return d;
}

void ExtractQueue::hand_over(const Item& item, Done& done) {
    if (item.problem) problems_(*item.problem);
    if (item.record && item.record->known) {
        known_(*item.record);
        return;
    }
    if (item.record) ++parsed_;
    for (const auto& e : done.parsed.problems)
        problems_(e);
    for (std::size_t i = 0; i < done.parsed.articles.size(); ++i) {
        for (const auto& note : done.extractions[i].limits)
            problems_(InputError(done.parsed.articles[i].origin, 0, note, true));
        write_(done.parsed.articles[i], done.extractions[i]);
    }
    if (item.record && done.parsed.articles.empty() && no_articles_)
        no_articles_(*item.record, done.parsed.problems);
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
    while (running_.size() >= kInFlight * jobs_)
        hand_over_oldest();
    if (pool_.empty()) {
        pool_.reserve(jobs_);
        for (unsigned i = 0; i < jobs_; ++i)
            pool_.emplace_back([this] { worker(); });
    }
    auto b = std::make_unique<Batch>();
    b->items = std::move(filling_);
    filling_.clear();
    {
        const std::lock_guard lock(mutex_);
        unclaimed_.push_back(b.get());
    }
    running_.push_back(std::move(b));
    queued_.notify_one();
}

void ExtractQueue::hand_over_oldest() {
    Batch& oldest = *running_.front();
    {
        std::unique_lock lock(mutex_);
        finished_.wait(lock, [&] { return oldest.ready; });
    }
    const std::unique_ptr<Batch> b = std::move(running_.front());
    running_.pop_front();
    if (b->error) std::rethrow_exception(b->error);
    for (std::size_t i = 0; i < b->items.size(); ++i)
        hand_over(b->items[i], b->done[i]);
}

}  // namespace rabta::detail
