// Counts heap allocations, so that tests can prove the codec's promise that
// its hot paths allocate nothing for canonical values.
//
//   const long before = codec_testing::HeapAllocations();
//   normalizer.Apply(value, as_of, &scratch);
//   EXPECT_EQ(codec_testing::HeapAllocations() - before, 0);
//
// Test-only. Link allocation_counter.cc into the test binary: it replaces
// the global operator new and delete of the whole program. The count is
// atomic, so it is safe to read from any thread.
#ifndef SHUYUAN_CODEC_TESTING_ALLOCATION_COUNTER_H_
#define SHUYUAN_CODEC_TESTING_ALLOCATION_COUNTER_H_

namespace shuyuan::codec_testing {

// Calls of operator new since the program started.
long HeapAllocations();

}  // namespace shuyuan::codec_testing

#endif  // SHUYUAN_CODEC_TESTING_ALLOCATION_COUNTER_H_
