# @prelude
spring("jedi-py")
