/*
 * A libFuzzer front end for a .NET target that runs SharpFuzz's Fuzzer.LibFuzzer.Run (Grid's own, written for
 * tests/fuzz.sh). libFuzzer owns the loop; the .NET process is started once and serves every input:
 *   - a System V shared-memory segment holds the edge map (first MAP_SIZE bytes, written by the instrumented code)
 *     and the current input (after it); its id is passed in __LIBFUZZER_SHM_ID;
 *   - fd 198 (child reads, named in __LIBFUZZER_CONTROL_PIPE_ID): the length of each input as a 32-bit integer;
 *   - fd 199 (child writes, named in __LIBFUZZER_STATUS_PIPE_ID): a 32-bit 0 once ready, then one 32-bit status per
 *     input (0: passed; otherwise it threw).
 * The edge map is copied into libFuzzer's extra counters after every input; a status other than 0, or a child that
 * died, is reported as a crash (abort), so libFuzzer saves the input.
 * Usage: grid-libfuzzer-dotnet --target_path=<dotnet> --target_arg="<dll> <target>" [libFuzzer flags] [corpus dirs]
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAP_SIZE (1 << 16)
#define MAX_INPUT (1 << 20)

__attribute__((weak, section("__libfuzzer_extra_counters"))) uint8_t grid_counters[MAP_SIZE];

static int control_fd = -1;
static int status_fd = -1;
static uint8_t *shared;
static pid_t child;

static const char *option(int argc, char **argv, const char *name) {
  size_t length = strlen(name);
  for (int i = 1; i < argc; i++) {
    if (strncmp(argv[i], name, length) == 0 && argv[i][length] == '=') {
      return argv[i] + length + 1;
    }
  }
  return NULL;
}

static void fail(const char *what) {
  perror(what);
  exit(1);
}

static int read_full(int fd, void *buffer, size_t size) {
  size_t done = 0;
  while (done < size) {
    ssize_t got = read(fd, (uint8_t *)buffer + done, size - done);
    if (got < 0 && errno == EINTR) {
      continue; /* libFuzzer's timeout timer (SIGALRM) interrupts a blocking read */
    }
    if (got <= 0) {
      return -1;
    }
    done += (size_t)got;
  }
  return 0;
}

static void remove_segment(void) {
  if (child > 0) {
    kill(child, SIGKILL);
  }
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  const char *path = option(*argc, *argv, "--target_path");
  const char *arguments = option(*argc, *argv, "--target_arg");
  if (path == NULL || arguments == NULL) {
    fprintf(stderr, "grid-libfuzzer-dotnet: --target_path and --target_arg are required\n");
    exit(1);
  }

  int id = shmget(IPC_PRIVATE, MAP_SIZE + MAX_INPUT, IPC_CREAT | 0600);
  if (id < 0) {
    fail("shmget");
  }
  shared = shmat(id, NULL, 0);
  shmctl(id, IPC_RMID, NULL); /* freed once both processes detach */
  if (shared == (void *)-1) {
    fail("shmat");
  }

  int control[2], status[2];
  if (pipe(control) != 0 || pipe(status) != 0) {
    fail("pipe");
  }

  char id_text[32];
  snprintf(id_text, sizeof id_text, "%d", id);
  child = fork();
  if (child < 0) {
    fail("fork");
  }
  if (child == 0) {
    if (dup2(control[0], 198) < 0 || dup2(status[1], 199) < 0) {
      fail("dup2");
    }
    close(control[0]);
    close(control[1]);
    close(status[0]);
    close(status[1]);
    setenv("__LIBFUZZER_SHM_ID", id_text, 1);
    setenv("__LIBFUZZER_CONTROL_PIPE_ID", "198", 1);
    setenv("__LIBFUZZER_STATUS_PIPE_ID", "199", 1);
    char *copy = strdup(arguments);
    char *child_argv[16] = {(char *)path};
    int n = 1;
    for (char *part = strtok(copy, " "); part != NULL && n < 15; part = strtok(NULL, " ")) {
      child_argv[n++] = part;
    }
    child_argv[n] = NULL;
    execv(path, child_argv);
    fail("execv");
  }

  close(control[0]);
  close(status[1]);
  control_fd = control[1];
  status_fd = status[0];
  atexit(remove_segment);
  int32_t ready;
  if (read_full(status_fd, &ready, sizeof ready) != 0) {
    fprintf(stderr, "grid-libfuzzer-dotnet: the .NET target did not start\n");
    exit(1);
  }
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > MAX_INPUT) {
    return 0;
  }
  memset(shared, 0, MAP_SIZE);
  memcpy(shared + MAP_SIZE, data, size);
  int32_t length = (int32_t)size;
  ssize_t written;
  do {
    written = write(control_fd, &length, sizeof length);
  } while (written < 0 && errno == EINTR);
  if (written != (ssize_t)sizeof length) {
    fprintf(stderr, "grid-libfuzzer-dotnet: the .NET target is gone\n");
    abort();
  }
  int32_t status;
  if (read_full(status_fd, &status, sizeof status) != 0) {
    int how = 0;
    waitpid(child, &how, 0);
    fprintf(stderr, "grid-libfuzzer-dotnet: the .NET target died (wait status %d)\n", how);
    abort();
  }
  if (status != 0) {
    fprintf(stderr, "grid-libfuzzer-dotnet: the .NET target reported status %d (see its exception above)\n", status);
    abort();
  }
  memcpy(grid_counters, shared, MAP_SIZE);
  return 0;
}
