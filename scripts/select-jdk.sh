# Sourced by run-local and .ci/run: makes sure JAVA_HOME is a JDK 21 or newer. Keeps a JAVA_HOME that already is;
# otherwise takes the newest JDK 21+ under /usr/lib/jvm (machines here default to 17 and carry Temurin 25 there).
java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ]; then
  :
else
  default_home=$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")" 2>/dev/null || true)
  if [ -x "$default_home/bin/java" ] && [ "$(java_major "$default_home")" -ge 21 ]; then
    export JAVA_HOME="$default_home"
  else
    best=""; best_major=0
    for candidate in /usr/lib/jvm/*; do
      [ -x "$candidate/bin/javac" ] || continue
      major=$(java_major "$candidate")
      if [ "${major:-0}" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best="$candidate"; best_major="$major"; fi
    done
    if [ -z "$best" ]; then
      echo "No JDK 21 or newer found: install one and set JAVA_HOME to it." >&2
      exit 1
    fi
    export JAVA_HOME="$best"
  fi
fi
export PATH="$JAVA_HOME/bin:$PATH"
