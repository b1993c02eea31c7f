# @prelude
spring("package-init")
