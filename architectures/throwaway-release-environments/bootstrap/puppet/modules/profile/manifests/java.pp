# @summary Amazon Corretto from the Amazon Linux repositories; a no-op when the AMI has it.
#
# @param version Corretto major version (the javaVersion parameter).
class profile::java (
  Enum['17', '21', '25'] $version = String($facts['oar_java_version']),
) {
  package { "java-${version}-amazon-corretto-headless":
    ensure => installed,
  }
}
