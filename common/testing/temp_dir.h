// A fresh temporary folder per test, removed with everything in it when the
// object goes away (STYLE: never a fixed path).
//
//   TempDir dir("registry_test");
//   std::string file = dir.Write("defs/a.yaml", "...");
//   Registry::Open({.data_dir = dir.path() + "/store"});
//
// Test-only; not thread-safe.
#ifndef SHUYUAN_COMMON_TESTING_TEMP_DIR_H_
#define SHUYUAN_COMMON_TESTING_TEMP_DIR_H_

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include "gtest/gtest.h"

namespace shuyuan::testing {

class TempDir {
 public:
  explicit TempDir(const std::string& name = "shuyuan_test") {
    std::string pattern =
        (std::filesystem::temp_directory_path() / (name + "XXXXXX")).string();
    EXPECT_NE(mkdtemp(pattern.data()), nullptr) << pattern;
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // Writes `contents` to `relative` (creating folders); returns its path.
  std::string Write(const std::string& relative,
                    const std::string& contents) const {
    const std::filesystem::path file = path_ / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << contents;
    return file.string();
  }
  // The path of `relative` inside the folder (not created).
  std::string Path(const std::string& relative) const {
    return (path_ / relative).string();
  }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace shuyuan::testing

#endif  // SHUYUAN_COMMON_TESTING_TEMP_DIR_H_
