/// Which programs common Debian and Alpine packages install.
///
/// Package names and their commands come from the Debian package index
/// (https://packages.debian.org, "list of files") and the Alpine package index
/// (https://pkgs.alpinelinux.org/contents). A package not in the table is assumed to
/// provide a program of its own name, and the evidence says so.
enum PackagePrograms {
  static let table: [String: [String]] = [
    "curl": ["curl"],
    "wget": ["wget"],
    "netcat-openbsd": ["nc", "netcat"],
    "netcat-traditional": ["nc", "netcat"],
    "netcat": ["nc", "netcat"],
    "ncat": ["ncat", "nc"],
    "busybox": ["busybox", "sh", "wget", "nc", "vi", "ps", "ping"],
    "busybox-extras": ["telnet", "nc"],
    "bash": ["bash"],
    "procps": ["ps", "top", "pgrep", "pkill", "free", "kill"],
    "procps-ng": ["ps", "top", "pgrep", "pkill", "free", "kill"],
    "iputils-ping": ["ping"],
    "iputils": ["ping"],
    "python3": ["python3"],
    "python3-pip": ["pip3", "pip"],
    "py3-pip": ["pip3", "pip"],
    "python-is-python3": ["python"],
    "nodejs": ["node"],
    "npm": ["npm", "npx"],
    "git": ["git"],
    "openssh-client": ["ssh", "scp", "ssh-keygen"],
    "postgresql-client": ["psql", "pg_dump"],
    "default-mysql-client": ["mysql"],
    "jq": ["jq"],
    "unzip": ["unzip"],
    "zip": ["zip"],
    "tini": ["tini"],
    "dumb-init": ["dumb-init"],
    "gosu": ["gosu"],
    "su-exec": ["su-exec"],
    "gnupg": ["gpg"],
    "iproute2": ["ip", "ss"],
    "net-tools": ["netstat", "ifconfig"],
    "dnsutils": ["dig", "nslookup"],
    "bind-tools": ["dig", "nslookup"],
    "vim": ["vim", "vi"],
    "openssl": ["openssl"],
    "xz-utils": ["xz"],
    "shadow": ["useradd", "groupadd", "usermod"],
    "ca-certificates": [],
    "tzdata": [],
  ]

  /// The programs `package` installs, and whether that is known rather than assumed.
  static func programs(of package: String) -> (programs: [String], known: Bool) {
    if let known = table[package] { return (known, true) }
    return ([package], false)
  }
}
