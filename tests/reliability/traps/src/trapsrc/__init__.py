# @prelude
spring("jedi-package-init")
