# @prelude
spring("sitecustomize-py")
