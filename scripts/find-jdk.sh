# Sourced by ./ember and .ci/run: picks a JDK of version 21 or newer and sets EMBER_JAVA_HOME.
# Order: $JAVA_HOME, then the `java` on the PATH, then the newest JDK under /usr/lib/jvm.

ember_java_major() {
  # Prints the major version of the java binary $1 (e.g. 17, 21, 25), or 0.
  local v
  v=$("$1" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')
  v=${v#1.}
  echo "${v%%[.+-]*}" | grep -E '^[0-9]+$' || echo 0
}

ember_find_jdk() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(ember_java_major "$JAVA_HOME/bin/java")
    if [ "$major" -ge 21 ]; then EMBER_JAVA_HOME="$JAVA_HOME"; return 0; fi
  fi
  if command -v java >/dev/null 2>&1 && command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(ember_java_major "$candidate/bin/java")
    if [ "$major" -ge 21 ]; then EMBER_JAVA_HOME="$candidate"; return 0; fi
  fi
  for candidate in /usr/lib/jvm/* /opt/java/* /usr/local/lib/jvm/*; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(ember_java_major "$candidate/bin/java")
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best="$candidate"; best_major=$major; fi
  done
  if [ -n "$best" ]; then EMBER_JAVA_HOME="$best"; return 0; fi
  echo "ember: no JDK 21 or newer found (checked \$JAVA_HOME, the PATH and /usr/lib/jvm); install one or set JAVA_HOME" >&2
  return 1
}

# JVM flags Arrow needs; --sun-misc-unsafe-memory-access only where the JDK accepts it (23+).
ember_jvm_flags() {
  local major
  major=$(ember_java_major "$EMBER_JAVA_HOME/bin/java")
  EMBER_JVM_FLAGS=(--add-opens=java.base/java.nio=ALL-UNNAMED --enable-native-access=ALL-UNNAMED
                   -Darrow.enable_unsafe_memory_access=true -Darrow.enable_null_check_for_get=false)
  if [ "$major" -ge 23 ]; then EMBER_JVM_FLAGS+=(--sun-misc-unsafe-memory-access=allow); fi
}
