#pragma once
// Reads a pickle's opcodes as LibTorch's unpickler will and refuses what that unpickler trusts
// blindly (found by fuzz_model_archive): LibTorch 1.13 reserves memo room for the index a
// LONG_BINPUT names (4 billion: 64 GB), allocates a string's claimed length before reading it,
// and pops values and marks from its stack without checking that they are there (a TUPLE2 on one
// value frees memory it does not own). A valid pickle has fewer memo entries than bytes, every
// argument within its bytes, and never takes more values than it pushed since its last MARK.
// The check stops at STOP, or at an opcode pickle does not define (LibTorch refuses that).

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

namespace normlab::pickle {

enum class Argument : uint8_t
{
    None,
    Bytes1, // a fixed-size argument of 1, 2, 4 or 8 bytes
    Bytes2,
    Bytes4,
    Bytes8,
    MemoIndex4, // LONG_BINPUT's index
    Sized1,     // a length of 1, 4 or 8 bytes, then that many bytes
    Sized4,
    Sized8,
    Line, // text up to a newline (protocol 0)
    TwoLines,
};

enum class Stack : uint8_t
{
    Push,      // one value more
    Mark,      // opens a MARK
    Replace,   // takes one value, puts one back
    Dup,       // copies the top value
    Pop,       // one value less
    Take2,     // takes two values, puts one back
    Take3,     // takes three, puts one back
    Collect,   // takes everything since the MARK, puts one back
    AddToMark, // takes everything since the MARK into the value below it
    PopMark,   // drops everything since the MARK
    None,
};

struct Opcode
{
    unsigned char code;
    Argument argument;
    Stack stack;
};

// Every opcode of pickle protocols 0 to 5.
constexpr Opcode kOpcodes[] = {
    {'(', Argument::None, Stack::Mark},          {'.', Argument::None, Stack::Pop},
    {'0', Argument::None, Stack::Pop},           {'1', Argument::None, Stack::PopMark},
    {'2', Argument::None, Stack::Dup},           {'F', Argument::Line, Stack::Push},
    {'G', Argument::Bytes8, Stack::Push},        {'I', Argument::Line, Stack::Push},
    {'J', Argument::Bytes4, Stack::Push},        {'K', Argument::Bytes1, Stack::Push},
    {'L', Argument::Line, Stack::Push},          {'M', Argument::Bytes2, Stack::Push},
    {'N', Argument::None, Stack::Push},          {'P', Argument::Line, Stack::Push},
    {'Q', Argument::None, Stack::Replace},       {'R', Argument::None, Stack::Take2},
    {'S', Argument::Line, Stack::Push},          {'T', Argument::Sized4, Stack::Push},
    {'U', Argument::Sized1, Stack::Push},        {'V', Argument::Line, Stack::Push},
    {'X', Argument::Sized4, Stack::Push},        {'a', Argument::None, Stack::Take2},
    {'b', Argument::None, Stack::Take2},         {'c', Argument::TwoLines, Stack::Push},
    {'d', Argument::None, Stack::Collect},       {'}', Argument::None, Stack::Push},
    {'e', Argument::None, Stack::AddToMark},     {'g', Argument::Line, Stack::Push},
    {'h', Argument::Bytes1, Stack::Push},        {'i', Argument::TwoLines, Stack::Collect},
    {'j', Argument::Bytes4, Stack::Push},        {'l', Argument::None, Stack::Collect},
    {']', Argument::None, Stack::Push},          {'o', Argument::None, Stack::Collect},
    {'p', Argument::Line, Stack::Replace},       {'q', Argument::Bytes1, Stack::Replace},
    {'r', Argument::MemoIndex4, Stack::Replace}, {'s', Argument::None, Stack::Take3},
    {'t', Argument::None, Stack::Collect},       {')', Argument::None, Stack::Push},
    {'u', Argument::None, Stack::AddToMark},     {0x80, Argument::Bytes1, Stack::None},
    {0x81, Argument::None, Stack::Take2},        {0x82, Argument::Bytes1, Stack::Push},
    {0x83, Argument::Bytes2, Stack::Push},       {0x84, Argument::Bytes4, Stack::Push},
    {0x85, Argument::None, Stack::Replace},      {0x86, Argument::None, Stack::Take2},
    {0x87, Argument::None, Stack::Take3},        {0x88, Argument::None, Stack::Push},
    {0x89, Argument::None, Stack::Push},         {0x8a, Argument::Sized1, Stack::Push},
    {0x8b, Argument::Sized4, Stack::Push},       {'B', Argument::Sized4, Stack::Push},
    {'C', Argument::Sized1, Stack::Push},        {0x8c, Argument::Sized1, Stack::Push},
    {0x8d, Argument::Sized8, Stack::Push},       {0x8e, Argument::Sized8, Stack::Push},
    {0x8f, Argument::None, Stack::Push},         {0x90, Argument::None, Stack::AddToMark},
    {0x91, Argument::None, Stack::Collect},      {0x92, Argument::None, Stack::Take3},
    {0x93, Argument::None, Stack::Take2},        {0x94, Argument::None, Stack::Replace},
    {0x95, Argument::Bytes8, Stack::None},       {0x96, Argument::Sized8, Stack::Push},
    {0x97, Argument::None, Stack::Push},         {0x98, Argument::None, Stack::Replace},
};

class PickleCheck
{
public:
    PickleCheck(const char *data, size_t size) : data_(data), size_(size) {}

    /// Throws std::runtime_error naming the first problem.
    void run()
    {
        while (at_ < size_) {
            const auto code = static_cast<unsigned char>(data_[at_++]);
            const Opcode *op = find(code);
            if (!op)
                return;
            readArgument(op->argument);
            followStack(op->stack);
            if (code == '.')
                return;
        }
    }

private:
    static const Opcode *find(unsigned char code)
    {
        for (const Opcode &op : kOpcodes)
            if (op.code == code)
                return &op;
        return nullptr;
    }

    void readArgument(Argument argument)
    {
        switch (argument) {
        case Argument::None:
            return;
        case Argument::Bytes1:
        case Argument::Bytes2:
        case Argument::Bytes4:
        case Argument::Bytes8:
            number(size_t(1) << (int(argument) - int(Argument::Bytes1)));
            return;
        case Argument::MemoIndex4:
            if (number(4) > size_)
                fail("a memo index beyond its size");
            return;
        case Argument::Sized1:
            skip(number(1));
            return;
        case Argument::Sized4:
            skip(number(4));
            return;
        case Argument::Sized8:
            skip(number(8));
            return;
        case Argument::TwoLines:
            skipLine();
            [[fallthrough]];
        case Argument::Line:
            skipLine();
            return;
        }
    }

    void followStack(Stack effect)
    {
        switch (effect) {
        case Stack::Push:
            ++depth_;
            return;
        case Stack::Mark:
            marks_.push_back(depth_);
            return;
        case Stack::Replace:
            take(1, 1);
            return;
        case Stack::Dup:
            take(1, 2);
            return;
        case Stack::Pop:
            take(1, 0);
            return;
        case Stack::Take2:
            take(2, 1);
            return;
        case Stack::Take3:
            take(3, 1);
            return;
        case Stack::Collect:
            popMark();
            ++depth_;
            return;
        case Stack::AddToMark:
            popMark();
            take(1, 1);
            return;
        case Stack::PopMark:
            popMark();
            return;
        case Stack::None:
            return;
        }
    }

    [[noreturn]] static void fail(const std::string &problem)
    {
        throw std::runtime_error("pickle: " + problem);
    }
    void take(size_t values, size_t putBack)
    {
        if (depth_ - (marks_.empty() ? 0 : marks_.back()) < values)
            fail("takes more values than it pushed");
        depth_ += putBack - values;
    }
    void popMark()
    {
        if (marks_.empty())
            fail("ends a MARK it never set");
        depth_ = marks_.back();
        marks_.pop_back();
    }
    uint64_t number(size_t bytes)
    {
        need(bytes);
        uint64_t value = 0;
        for (size_t i = 0; i < bytes; ++i)
            value |= uint64_t(static_cast<unsigned char>(data_[at_ + i])) << (8 * i);
        at_ += bytes;
        return value;
    }
    void need(uint64_t bytes) const
    {
        if (bytes > size_ - at_)
            fail("an argument runs past its end");
    }
    void skip(uint64_t bytes)
    {
        need(bytes);
        at_ += static_cast<size_t>(bytes);
    }
    void skipLine()
    {
        const void *end = std::memchr(data_ + at_, '\n', size_ - at_);
        if (!end)
            fail("a line runs past its end");
        at_ = static_cast<size_t>(static_cast<const char *>(end) - data_) + 1;
    }

    const char *data_;
    size_t size_;
    size_t at_ = 0;
    size_t depth_ = 0;          // values on the stack
    std::vector<size_t> marks_; // the depth at each open MARK
};

} // namespace normlab::pickle
