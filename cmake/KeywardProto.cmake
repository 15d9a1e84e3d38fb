# keyward_proto_library(<target> ROOT <dir> PROTOS <file.proto>...)
#
# Generates C++ protobuf and gRPC code for PROTOS (paths relative to ROOT) and
# builds it into a static library whose headers are included as
# "<path/without/.proto>.pb.h" / ".grpc.pb.h".
function(keyward_proto_library target)
  cmake_parse_arguments(ARG "" "ROOT" "PROTOS" ${ARGN})
  set(gen_dir ${CMAKE_CURRENT_BINARY_DIR}/gen)
  file(MAKE_DIRECTORY ${gen_dir})
  set(sources)
  foreach(proto ${ARG_PROTOS})
    string(REGEX REPLACE "\\.proto$" "" stem ${proto})
    set(outputs
      ${gen_dir}/${stem}.pb.cc ${gen_dir}/${stem}.pb.h
      ${gen_dir}/${stem}.grpc.pb.cc ${gen_dir}/${stem}.grpc.pb.h)
    add_custom_command(
      OUTPUT ${outputs}
      COMMAND protobuf::protoc
        --proto_path=${ARG_ROOT}
        --proto_path=${Protobuf_INCLUDE_DIRS}
        --cpp_out=${gen_dir}
        --grpc_out=${gen_dir}
        --plugin=protoc-gen-grpc=$<TARGET_FILE:gRPC::grpc_cpp_plugin>
        ${ARG_ROOT}/${proto}
      DEPENDS ${ARG_ROOT}/${proto} protobuf::protoc gRPC::grpc_cpp_plugin
      COMMENT "Generating C++ for ${proto}"
      VERBATIM)
    list(APPEND sources ${gen_dir}/${stem}.pb.cc ${gen_dir}/${stem}.grpc.pb.cc)
  endforeach()
  add_library(${target} STATIC ${sources})
  # SYSTEM: warnings in generated code are not ours to fix.
  target_include_directories(${target} SYSTEM PUBLIC ${gen_dir})
  target_link_libraries(${target} PUBLIC protobuf::libprotobuf gRPC::grpc++)
endfunction()
